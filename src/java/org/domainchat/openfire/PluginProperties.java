package org.domainchat.openfire;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.domainchat.Settings;
import org.jivesoftware.util.SystemProperty;

/**
 * The plugin's settings as Openfire system properties, so they also show (with their defaults) on the admin
 * console's System Properties page (described by the {@code system_property.<key>} texts of the i18n bundles).
 * Openfire removes them when the plugin is unloaded.
 */
final class PluginProperties implements Settings {

    final SystemProperty<Duration> idleGap = SettingRegistry.register("domainchat.archive.idleGap", Duration.class,
            p -> p.setDefaultValue(Duration.ofMinutes(30)).setMinValue(Duration.ofMinutes(1))
                    .setMaxValue(Duration.ofDays(1)).setChronoUnit(ChronoUnit.MINUTES).setDynamic(true));

    final SystemProperty<Integer> maxBodyBytes = SettingRegistry.register("domainchat.archive.maxBodyBytes",
            Integer.class, p -> p.setDefaultValue(64 * 1024).setMinValue(1024).setMaxValue(1024 * 1024)
                    .setDynamic(true));

    final SystemProperty<Boolean> journalFsync = SettingRegistry.register("domainchat.archive.journal.fsync",
            Boolean.class, p -> p.setDefaultValue(true).setDynamic(false));

    final SystemProperty<Integer> queueCapacity = SettingRegistry.register("domainchat.archive.queueCapacity",
            Integer.class, p -> p.setDefaultValue(100_000).setMinValue(1000).setMaxValue(10_000_000)
                    .setDynamic(false));

    /** Domain contacts and aliases; off until an admin turns it on. Archiving does not depend on it. */
    final SystemProperty<Boolean> active = SettingRegistry.register("domainchat.active", Boolean.class,
            p -> p.setDefaultValue(false).setDynamic(true));

    /** The roster group domain contacts appear in; blank means the domain's name. */
    final SystemProperty<String> directoryGroup = SettingRegistry.register("domainchat.directory.group",
            String.class, p -> p.setDefaultValue("").setDynamic(true));

    final SystemProperty<String> aliasGroup = SettingRegistry.register("domainchat.aliases.group", String.class,
            p -> p.setDefaultValue("Aliases").setDynamic(true));

    /** Whether copies of alias messages start with the writer's name, for clients that ignore XEP-0033 ofrom. */
    final SystemProperty<Boolean> writerPrefix = SettingRegistry.register("domainchat.aliases.writerPrefix",
            Boolean.class, p -> p.setDefaultValue(true).setDynamic(true));

    /**
     * Whether a colleague's client that announces interest in a PEP node (+notify) gets each colleague's last item
     * of it, as Openfire sends one to a subscriber. On a large domain that is one stanza per colleague who published
     * on that node, at every login; off, clients fetch what they need and still get live notifications.
     */
    final SystemProperty<Boolean> lastItemsOnLogin = SettingRegistry.register("domainchat.pep.lastItemsOnLogin",
            Boolean.class, p -> p.setDefaultValue(true).setDynamic(true));

    /** Accounts that are no one's contact (service accounts, the admin). */
    final SystemProperty<Set<String>> hidden = SettingRegistry.registerSet("domainchat.directory.hidden",
            p -> p.setDefaultValue(Set.of()).setDynamic(true));

    /**
     * How often the directory is compared with the user store: user providers such as LDAP announce no changes,
     * so new and renamed accounts appear within this time.
     */
    final SystemProperty<Duration> reconcileInterval = SettingRegistry.register(
            "domainchat.directory.reconcileInterval", Duration.class,
            p -> p.setDefaultValue(Duration.ofMinutes(15)).setMinValue(Duration.ofMinutes(1))
                    .setMaxValue(Duration.ofDays(1)).setChronoUnit(ChronoUnit.MINUTES).setDynamic(false));

    @Override
    public long conversationIdleMillis() {
        return idleGap.getValue().toMillis();
    }

    @Override
    public int maxBodyBytes() {
        return maxBodyBytes.getValue();
    }

    @Override
    public boolean journalFsync() {
        return journalFsync.getValue();
    }

    @Override
    public int queueCapacity() {
        return queueCapacity.getValue();
    }
}
