package com.contoso.avd.support;

import com.contoso.avd.emulator.AvdEmulator;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One HTTPS emulator per test class, reset and seeded with {@link TestApp#seed} before each test, handed to any
 * test or lifecycle method that takes an {@link AvdEmulator} parameter.
 */
public final class EmulatorExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmulatorExtension.class);

    private static AvdEmulator emulator(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow()
                : context;
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent("emulator", k -> new Running(AvdEmulator.start()),
                Running.class).emulator;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        AvdEmulator emulator = emulator(context);
        emulator.reset();
        TestApp.seed(emulator);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AvdEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    /** Closed by JUnit when the class's store is closed. */
    private record Running(AvdEmulator emulator) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            emulator.close();
        }
    }
}
