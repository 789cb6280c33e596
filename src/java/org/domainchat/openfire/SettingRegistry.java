package org.domainchat.openfire;

import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jivesoftware.util.SystemProperty;

/**
 * Registers the plugin's settings with Openfire's system property registry, under the plugin's display name.
 *
 * <p>Openfire 5.1.1 refuses a second registration of a key ({@code IllegalArgumentException}) and, on unload, removes
 * a plugin's properties by the {@code <name>} in its plugin.xml. Two situations leave our keys registered when a copy
 * of the plugin starts: an earlier version registered them under another name (0.3.0 used "domainchat", which its
 * unload never removed), or a copy of this version is still registered. The first kind is replaced; the second is
 * taken over, since a property object only reads Openfire's stored value and works for whoever holds it.
 */
final class SettingRegistry {

    /** The {@code <name>} in plugin.xml: Openfire removes our properties by it, and finds their i18n texts by it. */
    static final String PLUGIN = "Domain Chat";
    /** Names earlier versions registered their properties under. */
    private static final Set<String> EARLIER_NAMES = Set.of("domainchat", "${plugin.name}");

    private SettingRegistry() {
    }

    /** The property for {@code key}: registered as {@code configure} sets it up, or taken over (see above). */
    static <T> SystemProperty<T> register(String key, Class<T> type,
                                          UnaryOperator<SystemProperty.Builder<T>> configure) {
        Optional<SystemProperty<T>> taken = existing(key, type);
        return taken.orElseGet(() ->
                configure.apply(SystemProperty.Builder.ofType(type).setKey(key).setPlugin(PLUGIN)).build());
    }

    /** A property holding a set of strings, registered or taken over like {@link #register}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static SystemProperty<Set<String>> registerSet(String key,
                                                   UnaryOperator<SystemProperty.Builder<Set>> configure) {
        Optional<SystemProperty<Set<String>>> taken = existing(key, Set.class);
        return taken.orElseGet(() ->
                configure.apply(SystemProperty.Builder.ofType(Set.class).setKey(key).setPlugin(PLUGIN))
                        .buildSet(String.class));
    }

    /**
     * The registration of {@code key} this plugin may take over, after removing those of earlier versions.
     *
     * @throws IllegalStateException if another plugin owns the key, or a copy of ours registered it with another type
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Optional<SystemProperty<T>> existing(String key, Class<?> type) {
        Optional<SystemProperty> registered = SystemProperty.getProperty(key);
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        SystemProperty found = registered.get();
        String owner = found.getPlugin();
        if (EARLIER_NAMES.contains(owner)) {
            SystemProperty.removePropertiesForPlugin(owner);
            return Optional.empty();
        }
        if (PLUGIN.equals(owner) && type.isInstance(found.getDefaultValue())) {
            return Optional.of((SystemProperty<T>) found);
        }
        throw new IllegalStateException("The setting " + key + " is already registered by plugin '" + owner
                + "' with other values; restart Openfire to load " + PLUGIN);
    }
}
