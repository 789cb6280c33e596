package org.domainchat.admin;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin pages' texts ({@code i18n/domainchat_i18n*.properties}) and number and time formats for one locale.
 * Placeholders are {@code {0}}, {@code {1}}, … and are replaced literally (no {@link java.text.MessageFormat}
 * quoting rules, so apostrophes need no doubling). Every result is plain text: callers escape it for HTML.
 */
final class Texts {

    static final String BUNDLE = "domainchat_i18n";
    private static final Logger LOG = LoggerFactory.getLogger(Texts.class);

    private final ResourceBundle bundle;
    private final Locale locale;
    private final DateTimeFormatter dateTime;

    private Texts(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
    }

    /**
     * Loads the bundle for {@code locale} with {@code loader} (the plugin's class loader in Openfire). The JVM's
     * default locale is not consulted, so an English console on a German server stays English.
     */
    static Texts load(Locale locale, ClassLoader loader) {
        Locale effective = locale == null ? Locale.ENGLISH : locale;
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, effective, loader,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Texts(bundle, effective);
    }

    Locale locale() {
        return locale;
    }

    /** The text for {@code key} with {@code {i}} replaced by {@code args[i]}. */
    String get(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            LOG.warn("Missing admin text {} for {}", key, locale);
            return "???" + key + "???";
        }
        if (args.length == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '{' ? text.indexOf('}', i) : -1;
            if (close > i + 1 && close <= i + 3) {
                String digits = text.substring(i + 1, close);
                if (digits.chars().allMatch(Character::isDigit)) {
                    int n = Integer.parseInt(digits);
                    if (n < args.length) {
                        out.append(args[n]);
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** {@link #get} escaped for HTML. */
    String html(String key, Object... args) {
        return Html.escape(get(key, args));
    }

    String number(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    /** The time in the admin's locale and the server's zone, or "—" for 0 (never). */
    String time(long epochMillis) {
        return epochMillis <= 0 ? get("common.never") : dateTime.format(Instant.ofEpochMilli(epochMillis));
    }

    /** 1536 → "1.5 KB", 12_900_000 → "12.3 MB" (binary units, one decimal in the admin's locale). */
    String bytes(long bytes) {
        if (bytes < 0) {
            return get("common.unknown");
        }
        if (bytes < 1024) {
            return number(bytes) + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(value) + " " + units[unit];
    }

    /** {@code part} of {@code whole} as a whole-number percentage clamped to 0..100. */
    String percent(long part, long whole) {
        double fraction = whole <= 0 ? 0 : Math.max(0, Math.min(1, (double) part / whole));
        return NumberFormat.getPercentInstance(locale).format(fraction);
    }
}
