package org.domainchat.admin;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Domain chat settings" page: the activation switch ({@code domainchat.active}) and the roster group names of
 * domain contacts and aliases. GET shows; each form POSTs one action, only with this session's form token, and
 * redirects back with a confirmation.
 */
public class DomainChatSettingsServlet extends ContactsAdminServlet {

    static final String PAGE = "domainchat-settings";
    static final String PAGE_ID = "domainchat-settings";
    /** Roster group names are free text; the cap keeps contact lists readable and the property sane. */
    static final int MAX_GROUP_LENGTH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DomainChatSettingsServlet.class);

    public DomainChatSettingsServlet(AdminContext context) {
        super(context);
    }

    @Override
    String pageId() {
        return PAGE_ID;
    }

    @Override
    String titleKey() {
        return "settings.title";
    }

    @Override
    String pageUrl() {
        return PAGE;
    }

    /** What the groups form was given, and what is wrong with it (null: nothing). */
    private record GroupsForm(String directoryGroup, String aliasGroup, String directoryError, String aliasError) {

        boolean valid() {
            return directoryError == null && aliasError == null;
        }
    }

    @Override
    void get(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        String notice = switch (orEmpty(request.getParameter("done"))) {
            case "on" -> t.get("settings.saved.on");
            case "off" -> t.get("settings.saved.off");
            case "groups" -> t.get("settings.saved.groups");
            default -> null;
        };
        render(request, response, t, HttpServletResponse.SC_OK, notice, null, null);
    }

    @Override
    void post(HttpServletRequest request, HttpServletResponse response, Texts t, ContactsAdmin contacts)
            throws IOException {
        String action = orEmpty(request.getParameter("action"));
        if ("activation".equals(action)) {
            String active = request.getParameter("active");
            if (!"true".equals(active) && !"false".equals(active)) {
                render(request, response, t, HttpServletResponse.SC_BAD_REQUEST, null,
                        t.get("contacts.unknownAction"), null);
                return;
            }
            boolean on = Boolean.parseBoolean(active);
            contacts.setActive(on);
            LOG.info("An administrator turned domain chat {}", on ? "on" : "off");
            seeOther(response, PAGE + "?done=" + (on ? "on" : "off"));
        } else if ("groups".equals(action)) {
            String directory = orEmpty(request.getParameter("directoryGroup"));
            String aliases = orEmpty(request.getParameter("aliasGroup"));
            GroupsForm form = new GroupsForm(directory, aliases, groupProblem(t, directory, false),
                    groupProblem(t, aliases, true));
            if (!form.valid()) {
                render(request, response, t, HttpServletResponse.SC_OK, null, t.get("settings.groups.invalid"),
                        form);
                return;
            }
            contacts.setDirectoryGroup(directory.strip());
            contacts.setAliasGroup(aliases.strip());
            LOG.info("An administrator set the domain chat contact groups to \"{}\" and \"{}\"", directory.strip(),
                    aliases.strip());
            seeOther(response, PAGE + "?done=groups");
        } else {
            render(request, response, t, HttpServletResponse.SC_BAD_REQUEST, null, t.get("contacts.unknownAction"),
                    null);
        }
    }

    /** Why {@code name} cannot be a roster group name, or null when it can; blank is allowed unless required. */
    static String groupProblem(Texts t, String name, boolean required) {
        String n = name.strip();
        if (n.isEmpty()) {
            return required ? t.get("settings.group.required") : null;
        }
        if (n.length() > MAX_GROUP_LENGTH) {
            return t.get("settings.group.tooLong", MAX_GROUP_LENGTH);
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            return t.get("settings.group.control");
        }
        return null;
    }

    private void render(HttpServletRequest request, HttpServletResponse response, Texts t, int status,
                        String notice, String error, GroupsForm form) throws IOException {
        ContactsAdmin contacts = context.contacts();
        if (contacts == null) {
            sendNotRunning(response, t, t.get("settings.title"));
            return;
        }
        Page page = new Page(t.get("settings.title"), PAGE_ID);
        StringBuilder b = page.body;
        b.append("<p>").append(t.html("settings.intro")).append("</p>\n");
        if (notice != null) {
            page.success(notice);
        }
        if (error != null) {
            page.error(error);
        }

        boolean active = contacts.active();
        openBox(b, t.get("settings.activation.header"), "activation");
        b.append("<p id=\"active-state\"><strong>")
                .append(t.html(active ? "settings.activation.isOn" : "settings.activation.isOff"))
                .append("</strong></p>\n")
                .append("<p>").append(t.html("settings.activation.on")).append("</p>\n")
                .append("<p>").append(t.html("settings.activation.off")).append("</p>\n")
                .append("<p>").append(t.html("settings.activation.archive")).append("</p>\n")
                .append("<form method=\"post\" action=\"").append(PAGE).append("\">\n")
                .append(Csrf.hiddenFields(request))
                .append("<input type=\"hidden\" name=\"action\" value=\"activation\"/>\n")
                .append("<input type=\"hidden\" name=\"active\" value=\"").append(!active).append("\"/>\n")
                .append("<input type=\"submit\" id=\"toggle-active\" value=\"")
                .append(t.html(active ? "settings.activation.turnOff" : "settings.activation.turnOn"))
                .append("\"/>\n</form>\n");
        closeBox(b);

        String directoryValue = form == null ? orEmpty(contacts.directoryGroup()) : form.directoryGroup();
        String aliasValue = form == null ? orEmpty(contacts.aliasGroup()) : form.aliasGroup();
        openBox(b, t.get("settings.groups.header"), "groups");
        b.append("<p>").append(t.html("settings.groups.intro")).append("</p>\n")
                .append("<form method=\"post\" action=\"").append(PAGE).append("\">\n")
                .append(Csrf.hiddenFields(request))
                .append("<input type=\"hidden\" name=\"action\" value=\"groups\"/>\n")
                .append("<table cellpadding=\"3\" cellspacing=\"0\" border=\"0\">\n<tbody>\n");
        groupField(b, "directoryGroup", t.get("settings.directoryGroup.label"), directoryValue,
                t.get("settings.directoryGroup.help", contacts.domain()),
                form == null ? null : form.directoryError());
        groupField(b, "aliasGroup", t.get("settings.aliasGroup.label"), aliasValue,
                t.get("settings.aliasGroup.help"), form == null ? null : form.aliasError());
        b.append("</tbody>\n</table>\n")
                .append("<input type=\"submit\" value=\"").append(t.html("common.save")).append("\"/>\n")
                .append("</form>\n");
        closeBox(b);
        send(response, status, page);
    }

    private static void groupField(StringBuilder b, String name, String label, String value, String help,
                                   String error) {
        b.append("<tr><td><label for=\"").append(name).append("\">").append(Html.escape(label))
                .append("</label></td><td><input type=\"text\" id=\"").append(name).append("\" name=\"")
                .append(name).append("\" size=\"40\" value=\"").append(Html.escape(value)).append("\"/>")
                .append(fieldError(name, error))
                .append("<br/><span class=\"jive-description\">").append(Html.escape(help))
                .append("</span></td></tr>\n");
    }
}
