package com.contoso.avd.disconnect;

import java.util.Locale;

/** What delivered a request. */
public enum Trigger {
    HTTP, QUEUE, CLI;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
