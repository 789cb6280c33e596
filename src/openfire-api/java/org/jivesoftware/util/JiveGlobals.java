// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
package org.jivesoftware.util;

public class JiveGlobals {
    public static java.util.Locale getLocale() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }

    public static java.nio.file.Path getHomePath() { throw new UnsupportedOperationException("compile-time stand-in for Openfire 5.1.1"); }
}
