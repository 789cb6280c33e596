package org.domainchat.openfire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jivesoftware.util.SystemProperty;

/**
 * Openfire's system properties at the edge: a builder that remembers key and default and builds a property that
 * holds its value and tells its listeners on every change, as Openfire's do.
 */
final class FakeProperties {

    private FakeProperties() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static SystemProperty.Builder builder() {
        AtomicReference<Object> defaultValue = new AtomicReference<>();
        AtomicReference<String> key = new AtomicReference<>();
        return mock(SystemProperty.Builder.class, inv -> {
            switch (inv.getMethod().getName()) {
                case "setDefaultValue" -> defaultValue.set(inv.getArgument(0));
                case "setKey" -> key.set(inv.getArgument(0));
                case "build", "buildSet" -> {
                    AtomicReference<Object> value = new AtomicReference<>(defaultValue.get());
                    List<Consumer> listeners = new CopyOnWriteArrayList<>();
                    assertTrue(key.get().startsWith("domainchat."), key.get());
                    return mock(SystemProperty.class, p -> switch (p.getMethod().getName()) {
                        case "getValue" -> value.get();
                        case "setValue" -> {
                            value.set(p.getArgument(0));
                            listeners.forEach(l -> l.accept(p.getArgument(0)));
                            yield null;
                        }
                        case "addListener" -> {
                            listeners.add(p.getArgument(0));
                            yield null;
                        }
                        case "removeListener" -> {
                            listeners.remove(p.getArgument(0));
                            yield null;
                        }
                        case "getKey" -> key.get();
                        default -> null;
                    });
                }
                default -> {
                }
            }
            return inv.getMock();
        });
    }
}
