package org.domainchat.mam;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.dom4j.Element;
import org.domainchat.alias.AliasMembership;
import org.domainchat.archive.StanzaIds;
import org.domainchat.db.ConnectionSource;
import org.domainchat.mam.MamRequestException.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * XEP-0313 Message Archive Management for every user of the domain, answered from domain chat's archive: queries
 * (with XEP-0059 paging and the {@code #extended} fields), the query form, archive metadata and preferences (which
 * stay "always": history cannot be turned off). An alias's thread can be queried at the alias's address by its
 * members. Plain objects only; {@link #answer} returns the stanzas to send, in order, to the requesting resource.
 */
public final class MamService {

    public static final String NAMESPACE = MamQueryParser.NAMESPACE;
    public static final String EXTENDED = NAMESPACE + "#extended";
    public static final String FULLTEXT = "urn:xmpp:fulltext:0";
    /** The disco#info features of every user's bare JID. */
    public static final List<String> FEATURES = List.of(NAMESPACE, EXTENDED, FULLTEXT);

    static final String NO_OPT_OUT = "History cannot be turned off: every chat of this domain is kept in its "
            + "archive, which clients, webmail and the administrators' pages all read.";

    /**
     * The most rows a query counts for RSM {@code count} and {@code first@index}, and the deepest {@code <index>}
     * a page may start at. Beyond it both are left out (XEP-0059 §2.6) and a client pages by id: a count would
     * otherwise read every message of a long conversation on every page.
     */
    public static final int COUNT_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(MamService.class);

    private final String domain;
    private final AliasMembership aliases;
    private final Supplier<Collection<String>> allAliases;
    private final MamReader reader;
    private final int countLimit;
    private final AliasLines aliasLines;
    private final ArchiveProgress progress;
    private final Duration catchUp;
    private final MamFulltext fulltext;

    /**
     * @param allAliases every alias of the domain, as bare JIDs
     * @param catchUp    how long a query waits at most for messages handed out before it to reach the database
     * @param fulltext   answers the {@code fulltext} field; {@link MamFulltext#NONE} refuses it
     * @param aliasLines how alias copies name their writer, to show alias lines as they were delivered
     */
    public MamService(ConnectionSource db, String domain, AliasMembership aliases,
                      Supplier<Collection<String>> allAliases, ArchiveProgress progress, Duration catchUp,
                      MamFulltext fulltext, AliasLines aliasLines) {
        this(db, domain, aliases, allAliases, progress, catchUp, fulltext, aliasLines, COUNT_LIMIT);
    }

    /** As above, counting at most {@code countLimit} rows per query (tests show the limit with small archives). */
    MamService(ConnectionSource db, String domain, AliasMembership aliases, Supplier<Collection<String>> allAliases,
               ArchiveProgress progress, Duration catchUp, MamFulltext fulltext, AliasLines aliasLines,
               int countLimit) {
        this.aliasLines = aliasLines;
        this.domain = domain;
        this.aliases = aliases;
        this.allAliases = allAliases;
        this.countLimit = countLimit;
        this.reader = new MamReader(db, countLimit);
        this.progress = progress;
        this.catchUp = catchUp;
        this.fulltext = fulltext;
    }

    /** Whether {@code iq} is for this service (an archive request), so that the caller hands it over. */
    public static boolean handles(IQ iq) {
        Element child = iq.getChildElement();
        return child != null && NAMESPACE.equals(child.getNamespaceURI());
    }

    /**
     * The stanzas answering {@code iq}, in the order they must be sent: for a query, one message per result, then
     * the IQ result with {@code <fin/>}; otherwise one IQ result or error. Never throws for a client's mistake.
     */
    public List<Packet> answer(IQ iq) {
        if (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
            return List.of(); // results and errors are never answered
        }
        try {
            return answerOrRefuse(iq);
        } catch (MamRequestException e) {
            return List.of(error(iq, e.condition(), e.getMessage()));
        } catch (SQLException e) {
            LOG.warn("Could not read the archive for {}'s query: {}", iq.getFrom(), e.toString());
            return List.of(error(iq, PacketError.Condition.internal_server_error,
                    "The archive cannot be read right now. Please try again in a moment."));
        }
    }

    private List<Packet> answerOrRefuse(IQ iq) throws MamRequestException, SQLException {
        Element child = iq.getChildElement();
        String name = child.getName();
        boolean get = iq.getType() == IQ.Type.get;
        JID requester = requester(iq);
        switch (name) {
            case "query" -> {
                if (get) {
                    return List.of(MamStanzas.form(iq));
                }
                return query(iq, requester, MamQueryParser.parse(child));
            }
            case "metadata" -> {
                if (!get) {
                    throw new MamRequestException(Condition.BAD_REQUEST, "Archive metadata is read with type 'get'.");
                }
                ArchiveScope scope = scope(iq, requester, null);
                awaitStored();
                Optional<StoredMessage[]> ends = reader.ends(scope);
                return List.of(MamStanzas.metadata(iq, ends.map(e -> e[0]).orElse(null),
                        ends.map(e -> e[1]).orElse(null)));
            }
            case "prefs" -> {
                scope(iq, requester, null); // only the owner may ask
                if (!get && !keepsEverything(child)) {
                    throw new MamRequestException(Condition.NOT_ALLOWED, NO_OPT_OUT);
                }
                return List.of(MamStanzas.prefs(iq));
            }
            default -> throw new MamRequestException(Condition.FEATURE_NOT_IMPLEMENTED,
                    "The archive does not know the request <" + MamQueryParser.printable(name) + "/>.");
        }
    }

    private List<Packet> query(IQ iq, JID requester, MamQuery q) throws MamRequestException, SQLException {
        if (q.index() != null && q.index() > countLimit) {
            throw new MamRequestException(Condition.FEATURE_NOT_IMPLEMENTED, "A page can be chosen by <index> "
                    + "only within the first " + countLimit + " results; page with <after> or <before> instead.");
        }
        ArchiveScope scope = scope(iq, requester, q.with());
        Set<Long> named = new LinkedHashSet<>();
        for (Long id : new Long[] {q.afterId(), q.beforeId(), q.after(), q.before()}) {
            if (id != null) {
                named.add(id);
            }
        }
        if (q.ids() != null) {
            named.addAll(q.ids());
        }
        awaitStored();
        if (!named.isEmpty()) {
            Set<Long> missing = reader.missing(q.with() == null ? scope : scope(iq, requester, null), named);
            if (!missing.isEmpty()) {
                throw new MamRequestException(Condition.ITEM_NOT_FOUND, "There is no message with the id '"
                        + StanzaIds.format(missing.iterator().next()) + "' in this archive.");
            }
        }
        Collection<Long> only = q.ids();
        if (q.fulltext() != null) {
            Set<Long> matches = fulltext.matches(scope, q);
            if (only != null) {
                matches.retainAll(only);
            }
            only = matches;
        }
        MamPage page = reader.page(scope, q, only);
        List<Packet> out = new ArrayList<>(page.messages().size() + 1);
        List<StoredMessage> sent = new ArrayList<>(page.messages());
        if (q.flip()) {
            java.util.Collections.reverse(sent);
        }
        StoredStanzas stanzas = new StoredStanzas(); // one XML parser for the page, not one per result
        JID archive = new JID(scope.archive());
        for (StoredMessage m : sent) {
            out.add(MamStanzas.result(scope, archive, m, q.queryId(), iq.getFrom(), stanzas, aliasLines));
        }
        out.add(MamStanzas.fin(iq, page));
        return out;
    }

    /** The requesting user, who must be a local account. */
    private JID requester(IQ iq) throws MamRequestException {
        JID from = iq.getFrom();
        if (from == null || from.getNode() == null || !domain.equals(from.getDomain())) {
            throw new MamRequestException(Condition.FORBIDDEN, "Only the owner of an archive can read it.");
        }
        return from;
    }

    /** The archive the IQ is addressed to, as its requester may read it; never another user's. */
    private ArchiveScope scope(IQ iq, JID requester, JID with) throws MamRequestException {
        String owner = requester.toBareJID();
        JID to = iq.getTo();
        if (to == null || to.toBareJID().equals(owner) || (to.getNode() == null && domain.equals(to.getDomain()))) {
            return ArchiveScope.ofUser(owner, with, aliases, allAliases.get());
        }
        String target = to.toBareJID();
        if (to.getNode() != null && domain.equals(to.getDomain()) && aliases.isAlias(target)) {
            if (!aliases.isMember(target, owner)) {
                throw new MamRequestException(Condition.FORBIDDEN,
                        "Only members of " + target + " can read its whole thread; your own part of it is in "
                                + "your archive.");
            }
            return ArchiveScope.ofAlias(target, owner, with);
        }
        throw new MamRequestException(Condition.FORBIDDEN, "Only the owner of an archive can read it.");
    }

    /**
     * Waits (at most {@code catchUp}) until the database holds every message handed out before the query. Returns
     * at once when it does (the normal case); otherwise polls every 0.25 ms, since the writer stores a batch within
     * a millisecond or two and a coarser poll would add its own step to every query that arrives meanwhile.
     */
    private void awaitStored() {
        long target = progress.assigned();
        if (progress.stored() >= target) {
            return;
        }
        long deadline = System.nanoTime() + catchUp.toNanos();
        while (progress.stored() < target && System.nanoTime() < deadline) {
            LockSupport.parkNanos(250_000);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A preferences change that changes nothing: default "always" and nobody never archived. */
    private static boolean keepsEverything(Element prefs) {
        String def = prefs.attributeValue("default");
        if (def != null && !"always".equals(def)) {
            return false;
        }
        Element never = prefs.element("never");
        return never == null || never.elements().isEmpty();
    }

    private static IQ error(IQ iq, Condition condition, String text) {
        PacketError.Condition c = switch (condition) {
            case BAD_REQUEST -> PacketError.Condition.bad_request;
            case ITEM_NOT_FOUND -> PacketError.Condition.item_not_found;
            case FEATURE_NOT_IMPLEMENTED -> PacketError.Condition.feature_not_implemented;
            case FORBIDDEN -> PacketError.Condition.forbidden;
            case NOT_ALLOWED -> PacketError.Condition.not_allowed;
            case INTERNAL_SERVER_ERROR -> PacketError.Condition.internal_server_error;
        };
        return error(iq, c, text);
    }

    private static IQ error(IQ iq, PacketError.Condition condition, String text) {
        IQ error = IQ.createResultIQ(iq);
        error.setType(IQ.Type.error);
        if (iq.getChildElement() != null) {
            error.setChildElement(iq.getChildElement().createCopy());
        }
        error.setError(new PacketError(condition, condition.getDefaultType(), text));
        return error;
    }
}
