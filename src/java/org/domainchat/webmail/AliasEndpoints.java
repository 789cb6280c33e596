package org.domainchat.webmail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.domainchat.alias.Alias;
import org.domainchat.alias.AliasBook;
import org.domainchat.alias.AliasProblems;
import org.json.JSONArray;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alias provisioning for a mail system that keeps chat aliases in step with its email aliases: list, read, create
 * or replace, delete. Administrators only; every save goes through {@link AliasBook}, so the rules are the admin
 * page's.
 */
final class AliasEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AliasEndpoints.class);
    static final String PATH = "/admin/aliases";

    private final AliasAdmin admin;

    AliasEndpoints(AliasAdmin admin) {
        this.admin = admin;
    }

    void register(Router router) {
        router.get(PATH, Router.Access.ADMIN, this::list)
                .get(PATH + "/{alias}", Router.Access.ADMIN, this::read)
                .put(PATH + "/{alias}", Router.Access.ADMIN, this::save)
                .delete(PATH + "/{alias}", Router.Access.ADMIN, this::delete);
    }

    private Reply list(ApiRequest request) {
        AliasBook book = admin.book();
        JSONArray aliases = new JSONArray();
        for (AliasBook.Entry entry : book.view().byName().values()) {
            aliases.put(json(entry));
        }
        return Reply.ok(new JSONObject().put("domain", book.domain()).put("aliases", aliases));
    }

    private Reply read(ApiRequest request) {
        String name = name(request);
        return Reply.ok(json(admin.book().view().entry(name).orElseThrow(() -> notFound(name))));
    }

    private Reply save(ApiRequest request) throws Exception {
        String name = name(request);
        AliasBook book = admin.book();
        Alias alias = AliasJson.fromBody(name, request.json(), book.domain());
        boolean existed = book.view().entry(name).isPresent();
        try {
            book.save(alias, this::isUsername);
        } catch (AliasBook.InvalidAlias e) {
            throw invalid(alias, e);
        }
        LOG.info("domainchat webmail API: {} ({}) {} the chat alias {}", request.caller().jid(),
                request.caller().via().label, existed ? "replaced" : "created", book.address(name));
        // Read back rather than echoed: the answer shows what is stored and whom it resolves to now.
        AliasBook.Entry saved = book.view().entry(name).orElseThrow(() -> ApiError.notFound("alias-not-found",
                "The alias " + book.address(name) + " was deleted while it was being saved."));
        JSONObject json = json(saved);
        return existed ? Reply.ok(json)
                : new Reply(201, json, Map.of("Location", WebmailApi.BASE_PATH + PATH + "/" + name));
    }

    private Reply delete(ApiRequest request) throws Exception {
        String name = name(request);
        AliasBook book = admin.book();
        if (!book.delete(name)) {
            throw notFound(name);
        }
        LOG.info("domainchat webmail API: {} ({}) deleted the chat alias {}", request.caller().jid(),
                request.caller().via().label, book.address(name));
        return Reply.noContent();
    }

    /** The path's alias name; an address of another domain is refused, as it can never be an alias here. */
    private String name(ApiRequest request) {
        AliasPath path = request.pathAlias("alias");
        String domain = admin.book().domain();
        if (path.domain() != null && !path.domain().equalsIgnoreCase(domain)) {
            throw ApiError.badRequest("invalid-alias-name", "\"" + Params.clip(path.name() + "@" + path.domain())
                    + "\" is not on " + domain + "; aliases are addresses of this server's domain.");
        }
        return path.name();
    }

    private JSONObject json(AliasBook.Entry entry) {
        AliasBook book = admin.book();
        return AliasJson.alias(entry, book.address(entry.alias().name()),
                AliasProblems.of(book, entry.alias(), this::isUsername));
    }

    /**
     * Only a normalised username of this domain reaches the port: a member written as another domain's address is
     * simply not a user, whatever the user store would make of it.
     */
    private boolean isUsername(String name) {
        return Usernames.local(name, admin.book().domain()).filter(name::equals)
                .map(admin.isUsername()::test).orElse(false);
    }

    private ApiError invalid(Alias alias, AliasBook.InvalidAlias e) {
        List<ApiError.Problem> problems = new ArrayList<>();
        for (AliasProblems.Problem p : AliasProblems.of(admin.book(), alias, this::isUsername)) {
            problems.add(new ApiError.Problem(p.field(), p.message()));
        }
        if (problems.isEmpty()) {
            // Fixed in between (an account created, a group filled): the book's own sentences still say why.
            for (String sentence : e.problems()) {
                problems.add(new ApiError.Problem(null, sentence));
            }
        }
        return ApiError.badRequest("invalid-alias", "The alias was not saved: "
                + String.join(" ", problems.stream().map(ApiError.Problem::message).toList()), problems);
    }

    private ApiError notFound(String name) {
        return ApiError.notFound("alias-not-found", "There is no chat alias " + admin.book().address(name) + ".");
    }
}
