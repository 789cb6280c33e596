// Compile-time stand-in: declares only what domainchat uses, with the exact Openfire 5.1.1 signature
// (../shared/openfire-api/5.1.1/xmppserver.sigs). Never packaged; the real class is on the server.
// Unlike most stand-ins it behaves like the real one where WebmailConnection's tests depend on it: the close future.
package org.jivesoftware.openfire.net;

public abstract class AbstractConnection implements org.jivesoftware.openfire.Connection {
    private final java.util.concurrent.CompletableFuture<Void> closeFuture = new java.util.concurrent.CompletableFuture<>();

    public AbstractConnection() {
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> getCloseFuture() {
        return closeFuture;
    }

    protected void completeCloseFuture() {
        closeFuture.complete(null);
    }
}
