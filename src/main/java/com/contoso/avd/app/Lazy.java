package com.contoso.avd.app;

import java.util.function.Supplier;

/** A value made on first use, once, for clients that open connections nobody may need. */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    value = v = factory.get();
                }
            }
        }
        return v;
    }
}
