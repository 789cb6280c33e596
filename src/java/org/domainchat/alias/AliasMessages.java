package org.domainchat.alias;

import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

import org.dom4j.Element;
import org.domainchat.archive.ArchiveUnavailableException;
import org.domainchat.archive.ArchivedMessage;
import org.domainchat.archive.MessageArchiver;
import org.domainchat.archive.MessageCapture;
import org.domainchat.archive.StanzaIds;
import org.domainchat.delivery.ArchiveGate;
import org.domainchat.presence.Online;
import org.domainchat.presence.StanzaRouter;
import org.domainchat.util.XmlChars;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Delivers messages written to a chat alias ({@link AliasRouting} decides who gets them), in the writer's order and,
 * for a message with text, only once the archive holds it ({@link ArchiveGate}). Each recipient gets a
 * copy from {@code alias/<writer>}, so the conversation shows under the alias and the resource names the writer,
 * carrying the writer's address as an XEP-0033 {@code ofrom} and their name as an XEP-0172 nick. Most clients
 * ignore both in one-to-one chats and would show every line as the alias's, so the body of each copy starts with
 * "Name: " too, marked as an XEP-0428 fallback for the address extension (clients that read {@code ofrom} can cut
 * it; webmail does); the archive keeps the original body. A message with
 * text is archived once, in the alias's thread, before any copy leaves; if that fails, nothing is delivered and
 * the writer is told. Refusals come back to the writer as error messages with a sentence.
 */
public final class AliasMessages {

    public static final String ADDRESS_NS = "http://jabber.org/protocol/address";
    static final String NICK_NS = WriterMark.NICK_NS;
    static final String CHAT_STATES_NS = "http://jabber.org/protocol/chatstates";
    public static final String FALLBACK_NS = "urn:xmpp:fallback:0";

    private final AliasBook book;
    private final Online online;
    private final StanzaRouter router;
    private final MessageArchiver archiver;
    private final ArchiveGate gate;
    private final BooleanSupplier active;
    private final Predicate<String> isDomainUser;
    private final Function<String, String> displayName;
    private final BooleanSupplier writerPrefix;

    /**
     * @param isDomainUser whether a username is a visible user of the domain
     * @param displayName  a user's name as contacts show it
     * @param writerPrefix whether copies' bodies start with the writer's name
     */
    public AliasMessages(AliasBook book, Online online, StanzaRouter router, MessageArchiver archiver,
                         ArchiveGate gate, BooleanSupplier active, Predicate<String> isDomainUser, Function<String, String> displayName,
                         BooleanSupplier writerPrefix) {
        this.book = book;
        this.online = online;
        this.router = router;
        this.archiver = archiver;
        this.gate = gate;
        this.active = active;
        this.isDomainUser = isDomainUser;
        this.displayName = displayName;
        this.writerPrefix = writerPrefix;
    }

    /** True when {@code to} is the address (bare or with a resource) of a chat alias of this domain. */
    public boolean isAliasAddress(JID to) {
        return to != null && to.getNode() != null && book.domain().equals(to.getDomain())
                && book.view().entry(to.getNode()).isPresent();
    }

    /**
     * Handles a message to an alias address: delivers copies or sends the writer an error. The caller then drops
     * the original, which must not reach Openfire's offline storage for a non-existent user.
     *
     * @param writer the sending local user's full address (the session's), or null when it did not come from a
     *               local user's client (another domain, a component)
     * @throws ArchiveUnavailableException when the message could not be archived; nothing was delivered
     */
    public void handle(Message message, JID writer) throws ArchiveUnavailableException {
        Message.Type type = message.getType();
        if (type == Message.Type.error || type == Message.Type.groupchat || type == Message.Type.headline) {
            return; // never answer an error with an error; group chat and headlines are not alias chat
        }
        JID to = message.getTo();
        AliasBook.Entry alias = book.view().entry(to.getNode()).orElse(null);
        boolean hasText = message.getBody() != null && !message.getBody().isBlank();
        if (!hasText && message.getElement().elements().stream()
                .noneMatch(e -> CHAT_STATES_NS.equals(e.getNamespaceURI()))) {
            return; // receipts, markers and the like have no meaning across an alias
        }
        String writerName = writer == null || writer.getNode() == null || !book.domain().equals(writer.getDomain())
                ? null : writer.getNode();
        Set<String> members = alias == null ? Set.of() : alias.members();
        AliasRouting.Decision decision = AliasRouting.route(alias == null ? null : alias.alias(), members,
                active.getAsBoolean(), writerName, to.getResource(), isDomainUser, online::isAvailable);
        if (decision instanceof AliasRouting.Refuse refuse) {
            if (hasText && message.getFrom() != null) {
                router.route(message.getFrom(), error(message, refuse));
            }
            return;
        }
        AliasRouting.Deliver deliver = (AliasRouting.Deliver) decision;
        Optional<ArchivedMessage> captured = hasText ? archiver.captureViaAlias(message, writer) : Optional.empty();
        if (captured.isEmpty()) {
            // typing: to who is online now, after whatever the writer sent before
            gate.inOrder(writer, () -> {
                for (String recipient : deliver.recipients()) {
                    if (!deliver.offline().contains(recipient)) {
                        router.route(bare(recipient), copy(message, alias, deliver.writer(), recipient, null));
                    }
                }
            });
            return;
        }
        // The copies go out once the archive holds the message, from our own thread; the writer's handler thread
        // never waits for the disk.
        gate.archiveThen(writer, message, captured.get(), stored -> {
            for (String recipient : deliver.recipients()) {
                router.route(bare(recipient), copy(message, alias, deliver.writer(), recipient, stored.id()));
            }
        }, () -> {
            if (message.getFrom() != null) {
                router.route(message.getFrom(), ArchiveGate.notSentReply(message, message.getFrom()));
            }
        });
    }

    private JID bare(String username) {
        return new JID(username, book.domain(), null, true);
    }

    private Message copy(Message original, AliasBook.Entry alias, String writer, String recipient, Long archiveId) {
        Message copy = original.createCopy();
        copy.setFrom(new JID(alias.alias().name(), book.domain(), writer, true));
        copy.setTo(bare(recipient));
        WriterMark.apply(copy.getElement(), writer + "@" + book.domain(), displayName.apply(writer),
                writerPrefix.getAsBoolean());
        if (archiveId != null) {
            MessageCapture.stampStanzaId(copy, archiveId);
        } else {
            StanzaIds.removeClaimsOf(copy, copy.getTo().toBareJID()); // what the writer claimed of the member's archive
        }
        return copy;
    }

    private static Message error(Message original, AliasRouting.Refuse refuse) {
        Message error = new Message();
        error.setType(Message.Type.error);
        error.setID(original.getID());
        error.setFrom(original.getTo());
        error.setTo(original.getFrom());
        error.setThread(original.getThread());
        error.setBody(original.getBody());
        PacketError.Condition condition = refuse.condition() == AliasRouting.Condition.NOT_ALLOWED
                ? PacketError.Condition.not_allowed : PacketError.Condition.service_unavailable;
        error.setError(new PacketError(condition, PacketError.Type.cancel, refuse.text()));
        return error;
    }
}
