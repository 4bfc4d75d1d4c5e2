package io.samsa.protocol.message;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reflective calls for the table-driven tests, rethrowing what the called method threw (so a
 * decoder's exception reaches the test unwrapped). Stateless.
 */
final class Reflection {
    private Reflection() {
    }

    /** Calls {@code method} on {@code target} (null for static methods). */
    static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls the public no-argument accessor {@code name} of {@code target}. */
    static Object accessor(Object target, String name) {
        Method method;
        try {
            method = target.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(target.getClass().getName() + " has no accessor " + name + "()", e);
        }
        return invoke(method, target);
    }
}
