// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
// close() behaves like the real default method (it closes without a stream error), so tests can close a connection.
package org.jivesoftware.openfire;

public interface Connection {
    byte[] getAddress() throws java.net.UnknownHostException;

    String getHostAddress() throws java.net.UnknownHostException;

    String getHostName() throws java.net.UnknownHostException;

    default void close() {
        close(null);
    }

    void close(org.xmpp.packet.StreamError error);

    void systemShutdown();

    boolean isClosed();

    java.util.concurrent.CompletionStage<Void> getCloseFuture();

    void deliver(org.xmpp.packet.Packet packet) throws org.jivesoftware.openfire.auth.UnauthorizedException;

    void deliverRawText(String text);

    java.util.Optional<String> getTLSProtocolName();

    java.util.Optional<String> getCipherSuiteName();

    org.jivesoftware.openfire.spi.ConnectionConfiguration getConfiguration();
}
