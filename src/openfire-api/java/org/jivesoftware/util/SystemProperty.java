// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.util;

public final class SystemProperty<T> {
    public static void removePropertiesForPlugin(String plugin) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    @SuppressWarnings("rawtypes")
    public static java.util.Optional<SystemProperty> getProperty(String key) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public String getPlugin() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public T getDefaultValue() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public T getValue() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void setValue(T value) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public String getKey() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void addListener(java.util.function.Consumer<T> listener) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public void removeListener(java.util.function.Consumer<T> listener) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public static final class Builder<T> {
        public static <T> Builder<T> ofType(Class<T> type) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setKey(String key) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setDefaultValue(T defaultValue) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setMinValue(T minValue) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setMaxValue(T maxValue) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setChronoUnit(java.time.temporal.ChronoUnit chronoUnit) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setDynamic(boolean dynamic) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setPlugin(String plugin) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public Builder<T> setEncrypted(boolean encrypted) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public SystemProperty<T> build() throws IllegalArgumentException { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

        public <C> SystemProperty<java.util.Set<C>> buildSet(Class<C> type) { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
    }
}
