package org.domainchat.alias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class AliasRoutingTest {

    private static final Set<String> DOMAIN = Set.of("anna", "ben", "cem", "sue", "tom", "xena");
    private static final Set<String> MEMBERS = Set.of("anna", "ben", "cem");
    private static final Alias SALES = new Alias("salesteam", "Sales Team", MEMBERS, null, true,
            Alias.Visibility.ALL, false);

    private static AliasRouting.Decision route(Alias alias, String writer, String resource, Set<String> online) {
        Predicate<String> isOnline = online::contains;
        return AliasRouting.route(alias, alias == null ? Set.of() : alias.members(), true, writer, resource,
                DOMAIN::contains, isOnline);
    }

    private static AliasRouting.Deliver deliver(AliasRouting.Decision d) {
        return assertInstanceOf(AliasRouting.Deliver.class, d);
    }

    private static AliasRouting.Refuse refuse(AliasRouting.Decision d, AliasRouting.Condition condition) {
        AliasRouting.Refuse r = assertInstanceOf(AliasRouting.Refuse.class, d);
        assertEquals(condition, r.condition());
        assertTrue(!r.text().isBlank());
        return r;
    }

    @Test
    void rule1_everyOnlineMemberButTheWriterGetsIt() {
        AliasRouting.Deliver d = deliver(route(SALES, "sue", null, Set.of("anna", "cem", "sue", "tom")));
        assertEquals(Set.of("anna", "cem"), Set.copyOf(d.recipients()), "ben is offline, tom is no member");
        assertEquals("sue", d.writer(), "copies come from salesteam/sue");
        assertTrue(d.offline().isEmpty());
        AliasRouting.Deliver fromMember = deliver(route(SALES, "anna", null, Set.of("anna", "ben", "cem")));
        assertEquals(Set.of("ben", "cem"), Set.copyOf(fromMember.recipients()), "a member writing: not to herself");
    }

    @Test
    void rule2_aReplyIntoANonMembersThreadReachesThemAndOnlyThem() {
        // anna answers sue's thread: sue gets it, and the other members see the answer
        AliasRouting.Deliver d = deliver(route(SALES, "anna", "sue", Set.of("anna", "ben", "sue", "tom")));
        assertEquals(Set.of("ben", "sue"), Set.copyOf(d.recipients()));
        assertTrue(!d.recipients().contains("tom"), "another non-member never sees sue's thread");
        // tom, another non-member, may not write into sue's thread: it would show to her under the alias, as if
        // the team had written
        AliasRouting.Refuse byTom = refuse(route(SALES, "tom", "sue", Set.of("anna", "sue", "tom")),
                AliasRouting.Condition.NOT_ALLOWED);
        assertTrue(byTom.text().contains("Only members"), byTom.text());
        // his own thread is his
        AliasRouting.Deliver own = deliver(route(SALES, "tom", "tom", Set.of("anna", "sue", "tom")));
        assertEquals(List.of("anna"), own.recipients());
    }

    @Test
    void rule2_resourcesThatAreNotDomainUsersAreJustTheAlias() {
        AliasRouting.Deliver d = deliver(route(SALES, "sue", "Gajim.x7", Set.of("ben")));
        assertEquals(List.of("ben"), d.recipients());
    }

    @Test
    void rule3_noMemberOnlineTellsTheWriterUnlessTheAliasStoresOffline() {
        AliasRouting.Refuse r = refuse(route(SALES, "sue", null, Set.of("sue", "tom")),
                AliasRouting.Condition.SERVICE_UNAVAILABLE);
        assertTrue(r.text().contains("Sales Team"), r.text());
        Alias storing = new Alias("salesteam", "Sales Team", MEMBERS, null, true, Alias.Visibility.ALL, true);
        AliasRouting.Deliver d = deliver(route(storing, "sue", null, Set.of("sue", "anna")));
        assertEquals(Set.of("anna", "ben", "cem"), Set.copyOf(d.recipients()));
        assertEquals(Set.of("ben", "cem"), d.offline());
        // a member's reply into a thread still reaches the non-member when no other member is online
        AliasRouting.Deliver reply = deliver(route(SALES, "anna", "sue", Set.of("anna", "sue")));
        assertEquals(List.of("sue"), reply.recipients());
    }

    @Test
    void rule4_disabledInvisibleRemoteAndInactiveAreRefused() {
        Alias disabled = new Alias("salesteam", "Sales Team", MEMBERS, null, false, Alias.Visibility.ALL, false);
        refuse(route(disabled, "sue", null, Set.of("anna")), AliasRouting.Condition.SERVICE_UNAVAILABLE);
        Alias membersOnly = new Alias("board", "Board", MEMBERS, null, true, Alias.Visibility.MEMBERS, false);
        refuse(route(membersOnly, "sue", null, Set.of("anna")), AliasRouting.Condition.NOT_ALLOWED);
        assertEquals(List.of("ben"), deliver(route(membersOnly, "anna", null, Set.of("anna", "ben"))).recipients());
        refuse(route(SALES, null, null, Set.of("anna")), AliasRouting.Condition.NOT_ALLOWED);
        refuse(route(null, "sue", null, Set.of("anna")), AliasRouting.Condition.SERVICE_UNAVAILABLE);
        AliasRouting.Refuse inactive = refuse(AliasRouting.route(SALES, MEMBERS, false, "sue", null,
                DOMAIN::contains, Set.of("anna")::contains), AliasRouting.Condition.SERVICE_UNAVAILABLE);
        assertTrue(inactive.text().contains("not activated"));
    }

    @Test
    void aliasNamesFollowMailRulesAndNeverShadowAUser() {
        Predicate<String> users = DOMAIN::contains;
        assertTrue(AliasNames.problem("salesteam", users).isEmpty());
        assertTrue(AliasNames.problem(" Sales.Team-2 ", users).isEmpty());
        assertEquals("sales.team-2", AliasNames.normalise(" Sales.Team-2 "));
        for (String bad : new String[]{"", "  ", "-sales", "sales-", "sa..les", "sales team", "sales@x", "<b>",
                "a".repeat(65), "süd"}) {
            assertTrue(AliasNames.problem(bad, users).isPresent(), "should refuse '" + bad + "'");
        }
        assertTrue(AliasNames.problem("Anna", users).orElseThrow().contains("anna"), "a user's name is taken");
    }
}
