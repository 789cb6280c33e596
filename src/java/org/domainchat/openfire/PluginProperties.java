package org.domainchat.openfire;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.domainchat.Settings;
import org.jivesoftware.util.SystemProperty;

/**
 * The plugin's settings as Openfire system properties, so they also show (with their defaults) on the admin
 * console's System Properties page. Openfire removes them when the plugin is unloaded.
 */
final class PluginProperties implements Settings {

    static final String PLUGIN = "domainchat";

    final SystemProperty<Duration> idleGap = SystemProperty.Builder.ofType(Duration.class)
            .setKey("domainchat.archive.idleGap")
            .setDefaultValue(Duration.ofMinutes(30))
            .setMinValue(Duration.ofMinutes(1))
            .setMaxValue(Duration.ofDays(1))
            .setChronoUnit(ChronoUnit.MINUTES)
            .setDynamic(true)
            .setPlugin(PLUGIN)
            .build();

    final SystemProperty<Integer> maxBodyBytes = SystemProperty.Builder.ofType(Integer.class)
            .setKey("domainchat.archive.maxBodyBytes")
            .setDefaultValue(64 * 1024)
            .setMinValue(1024)
            .setMaxValue(1024 * 1024)
            .setDynamic(true)
            .setPlugin(PLUGIN)
            .build();

    final SystemProperty<Boolean> journalFsync = SystemProperty.Builder.ofType(Boolean.class)
            .setKey("domainchat.archive.journal.fsync")
            .setDefaultValue(true)
            .setDynamic(false)
            .setPlugin(PLUGIN)
            .build();

    final SystemProperty<Integer> queueCapacity = SystemProperty.Builder.ofType(Integer.class)
            .setKey("domainchat.archive.queueCapacity")
            .setDefaultValue(100_000)
            .setMinValue(1000)
            .setMaxValue(10_000_000)
            .setDynamic(false)
            .setPlugin(PLUGIN)
            .build();

    /** Domain contacts and aliases; off until an admin turns it on. Archiving does not depend on it. */
    final SystemProperty<Boolean> active = SystemProperty.Builder.ofType(Boolean.class)
            .setKey("domainchat.active")
            .setDefaultValue(false)
            .setDynamic(true)
            .setPlugin(PLUGIN)
            .build();

    /** The roster group domain contacts appear in; blank means the domain's name. */
    final SystemProperty<String> directoryGroup = SystemProperty.Builder.ofType(String.class)
            .setKey("domainchat.directory.group")
            .setDefaultValue("")
            .setDynamic(true)
            .setPlugin(PLUGIN)
            .build();

    final SystemProperty<String> aliasGroup = SystemProperty.Builder.ofType(String.class)
            .setKey("domainchat.aliases.group")
            .setDefaultValue("Aliases")
            .setDynamic(true)
            .setPlugin(PLUGIN)
            .build();

    /** Accounts that are no one's contact (service accounts, the admin). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    final SystemProperty<java.util.Set<String>> hidden = SystemProperty.Builder.ofType(java.util.Set.class)
            .setKey("domainchat.directory.hidden")
            .setDefaultValue(java.util.Set.of())
            .setDynamic(true)
            .setPlugin(PLUGIN)
            .buildSet(String.class);

    /**
     * How often the directory is compared with the user store: user providers such as LDAP announce no changes,
     * so new and renamed accounts appear within this time.
     */
    final SystemProperty<Duration> reconcileInterval = SystemProperty.Builder.ofType(Duration.class)
            .setKey("domainchat.directory.reconcileInterval")
            .setDefaultValue(Duration.ofMinutes(15))
            .setMinValue(Duration.ofMinutes(1))
            .setMaxValue(Duration.ofDays(1))
            .setChronoUnit(ChronoUnit.MINUTES)
            .setDynamic(false)
            .setPlugin(PLUGIN)
            .build();

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
