package com.contoso.avd.local;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/** The execution context the local host hands a function, as the Functions host would. */
public final class LocalExecutionContext implements ExecutionContext {
    private final String functionName;
    private final Logger logger;
    private final String invocationId = UUID.randomUUID().toString();

    public LocalExecutionContext(String functionName, Logger logger) {
        this.functionName = functionName;
        this.logger = logger;
    }

    public LocalExecutionContext(String functionName) {
        this(functionName, Logger.getLogger("Function." + functionName));
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
