package org.domainchat.openfire;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jivesoftware.util.SystemProperty;
import org.mockito.MockedStatic;

/**
 * Openfire 5.1.1's system property registry at the edge, with the rules the real one has (read in
 * {@code org.jivesoftware.util.SystemProperty} at tag v5.1.1): a key can be registered once, a second
 * {@code build()} throws {@code IllegalArgumentException}; {@code removePropertiesForPlugin(name)} removes by the
 * plugin name given to {@code setPlugin}; values live in the server's store (shared by every property object of a
 * key, surviving unregistration) and listeners are told of changes only while their property is registered.
 *
 * <p>Static mocks are per thread: install it on the thread that loads the plugin.
 */
final class FakeSystemProperties implements AutoCloseable {

    /** One registration, as the System Properties page would list it. */
    record Registered(String key, String plugin, Object defaultValue, boolean encrypted) {
    }

    private final Map<String, Object> stored = new ConcurrentHashMap<>();
    @SuppressWarnings("rawtypes")
    private final Map<String, SystemProperty> registry = new ConcurrentHashMap<>();
    private final Map<String, Registered> registrations = new ConcurrentHashMap<>();
    private final List<Registered> everRegistered = new CopyOnWriteArrayList<>();
    private final MockedStatic<SystemProperty> statics;
    private final MockedStatic<SystemProperty.Builder> builders;

    private FakeSystemProperties() {
        statics = mockStatic(SystemProperty.class);
        builders = mockStatic(SystemProperty.Builder.class);
        statics.when(() -> SystemProperty.getProperty(anyString()))
                .thenAnswer(inv -> Optional.ofNullable(registry.get((String) inv.getArgument(0))));
        statics.when(() -> SystemProperty.removePropertiesForPlugin(anyString())).thenAnswer(inv -> {
            removeFor(inv.getArgument(0));
            return null;
        });
        builders.when(() -> SystemProperty.Builder.ofType(any())).thenAnswer(inv -> builder());
    }

    static FakeSystemProperties install() {
        return new FakeSystemProperties();
    }

    /** What Openfire's unload does after {@code destroyPlugin()}: by the display name in plugin.xml. */
    void removeFor(String plugin) {
        registrations.values().removeIf(r -> r.plugin().equals(plugin));
        registry.keySet().removeIf(key -> !registrations.containsKey(key));
    }

    /** Registrations now, by key. */
    Map<String, Registered> registered() {
        return Map.copyOf(registrations);
    }

    /** Every registration made since install, in order, including those removed again. */
    List<Registered> everRegistered() {
        return new ArrayList<>(everRegistered);
    }

    /** Sets a stored value as an admin would (System Properties page): registered listeners hear of it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void set(String key, Object value) {
        SystemProperty p = registry.get(key);
        if (p == null) {
            stored.put(key, value);
        } else {
            p.setValue(value);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SystemProperty.Builder builder() {
        AtomicReference<Object> defaultValue = new AtomicReference<>();
        AtomicReference<String> key = new AtomicReference<>();
        AtomicReference<String> plugin = new AtomicReference<>();
        AtomicReference<Boolean> encrypted = new AtomicReference<>(false);
        return mock(SystemProperty.Builder.class, inv -> {
            switch (inv.getMethod().getName()) {
                case "setDefaultValue" -> defaultValue.set(inv.getArgument(0));
                case "setKey" -> key.set(inv.getArgument(0));
                case "setPlugin" -> plugin.set(inv.getArgument(0));
                case "setEncrypted" -> encrypted.set(inv.getArgument(0));
                case "build", "buildSet", "buildList" -> {
                    if (key.get() == null || plugin.get() == null) {
                        throw new NullPointerException("key and plugin are mandatory");
                    }
                    if (registry.containsKey(key.get())) {
                        throw new IllegalArgumentException("A SystemProperty already exists with a key of "
                                + key.get());
                    }
                    SystemProperty property = property(key.get(), plugin.get(), defaultValue.get());
                    Registered r = new Registered(key.get(), plugin.get(), defaultValue.get(), encrypted.get());
                    registry.put(key.get(), property);
                    registrations.put(key.get(), r);
                    everRegistered.add(r);
                    return property;
                }
                default -> {
                }
            }
            return inv.getMock();
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private SystemProperty property(String key, String plugin, Object defaultValue) {
        List<Consumer> listeners = new CopyOnWriteArrayList<>();
        AtomicReference<SystemProperty> self = new AtomicReference<>();
        SystemProperty property = mock(SystemProperty.class, p -> switch (p.getMethod().getName()) {
            case "getValue" -> stored.getOrDefault(key, defaultValue);
            case "setValue" -> {
                stored.put(key, p.getArgument(0));
                // Openfire's one PropertyEventListener calls the listeners of the registered property only.
                SystemProperty registered = registry.get(key);
                if (registered == self.get()) {
                    listeners.forEach(l -> l.accept(p.getArgument(0)));
                } else if (registered != null) {
                    registered.setValue(p.getArgument(0));
                }
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
            case "getKey" -> key;
            case "getPlugin" -> plugin;
            case "getDefaultValue" -> defaultValue;
            case "toString" -> "SystemProperty[" + key + "]";
            default -> null;
        });
        self.set(property);
        return property;
    }

    @Override
    public void close() {
        builders.close();
        statics.close();
    }
}
