package org.domainchat.openfire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webmail client's IP address as Openfire shows it for the webmail resource. Parsed from a literal only:
 * {@code InetAddress.getByName} would look a host name up in DNS, on a request thread, for a display value.
 */
final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    private ClientAddress() {
    }

    /** The address {@code text} names; loopback when it is empty or not an IP literal. */
    static InetAddress parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            Matcher v4 = IPV4.matcher(t);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return InetAddress.getLoopbackAddress();
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (IPV6.matcher(t).matches()) {
                return InetAddress.getByName(t); // a colon makes it an IPv6 literal: parsed, never looked up
            }
        } catch (UnknownHostException e) {
            // not a valid literal after all
        }
        return InetAddress.getLoopbackAddress();
    }
}
