package dev.toolyard.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.apps.AppManagement;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.UserId;
import jakarta.servlet.http.HttpServletRequest;

/** The console's Users page (T-U5) and user detail (T-U6), for admins of the current space. */
@Controller
@RequestMapping("/users")
class UsersConsoleController {

    private final SpaceUsers users;
    private final InvitationMailer mailer;
    private final AppManagement apps;
    private final SpaceTwoFactor twoFactor;

    UsersConsoleController(SpaceUsers users, InvitationMailer mailer, AppManagement apps, SpaceTwoFactor twoFactor) {
        this.users = users;
        this.mailer = mailer;
        this.apps = apps;
        this.twoFactor = twoFactor;
    }

    @GetMapping
    String page(Caller caller, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "all") String filter, @RequestParam(defaultValue = "name") String sort,
            @RequestParam(required = false) String cursor, Model model) {
        var query = new UserQuery(q, UsersApiController.option(UserFilter.class, "filter", filter),
                UsersApiController.option(UserSort.class, "sort", sort), new PageRequest(cursor, PageRequest.DEFAULT_LIMIT));
        model.addAttribute("page", users.search(caller, query));
        model.addAttribute("q", query.text());
        model.addAttribute("filter", query.filter().name().toLowerCase(Locale.ROOT));
        model.addAttribute("sort", query.sort().name().toLowerCase(Locale.ROOT));
        model.addAttribute("filters", Arrays.stream(UserFilter.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        model.addAttribute("groups", List.of(BuiltInGroup.VIEWER, BuiltInGroup.EDITOR, BuiltInGroup.ADMIN));
        model.addAttribute("domains", String.join(", ", users.allowedDomains(caller)));
        model.addAttribute("smtp", mailer.configured());
        model.addAttribute("twoFactorRequired", caller.spaceAdmin() && twoFactor.required(caller));
        return "users";
    }

    @PostMapping("/two-factor-requirement")
    String twoFactorRequirement(Caller caller, @RequestParam(defaultValue = "false") boolean required,
            HttpServletRequest request, RedirectAttributes flash) {
        twoFactor.require(caller, required);
        if (required && TwoFactorSessions.passwordOnly().isPresent()) {
            // The rule now applies to this admin's own password session too: set it up at once.
            TwoFactorSessions.requireEnrolment(request);
            return "redirect:" + TwoFactorEnrolmentGate.ENROLMENT_PAGE;
        }
        flash.addFlashAttribute("notice", required
                ? "Two-factor is required here: people who sign in with a password set it up first."
                : "Two-factor is no longer required here.");
        return "redirect:/users";
    }

    @PostMapping("/invitations")
    String invite(Caller caller, @RequestParam String email, @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName, @RequestParam(required = false) List<String> groups,
            RedirectAttributes flash) {
        try {
            var issued = users.invite(caller, email, firstName, lastName, groups(groups));
            flash.addFlashAttribute("notice", "Invited " + issued.user().email() + ".");
            flash.addFlashAttribute("invitationLink", issued.link());
            return "redirect:/users/" + issued.user().id();
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/users?filter=invited";
        }
    }

    @PostMapping("/allowed-domains")
    String allowedDomains(Caller caller, @RequestParam(defaultValue = "") String domains, RedirectAttributes flash) {
        try {
            var list = Arrays.stream(domains.split("[,\\s]+")).filter(d -> !d.isBlank()).toList();
            users.replaceAllowedDomains(caller, list);
            flash.addFlashAttribute("notice", list.isEmpty() ? "Nobody may ask to join now."
                    : "People at " + String.join(", ", list) + " may ask to join.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/users";
    }

    @GetMapping("/{id}")
    String detail(Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "details") String tab,
            Model model) {
        var user = new UserId(id);
        model.addAttribute("detail", users.detail(caller, user));
        model.addAttribute("groups", List.of(BuiltInGroup.VIEWER, BuiltInGroup.EDITOR, BuiltInGroup.ADMIN));
        // T-U6: explaining every folder and app costs more than the rest of the page, so only on its tab.
        boolean accessTab = "access".equals(tab) && caller.spaceAdmin();
        model.addAttribute("tab", accessTab ? "access" : "details");
        if (accessTab) {
            model.addAttribute("reach", apps.reachOf(caller, user).stream().map(AccessRow::of).toList());
        }
        return "user";
    }

    /** A line of the access tab: an object, the user's effective level, and each group that contributes. */
    record AccessRow(String kind, String name, String folder, String level, List<Contribution> givenBy) {

        record Contribution(String group, String source, String level, boolean winner) {
        }

        static AccessRow of(AppManagement.Reach reach) {
            var explanation = reach.explanation();
            return new AccessRow(reach.kind(), reach.name(), reach.folder(),
                    explanation.effective().map(AccessRow::label).orElse("—"),
                    explanation.contributions().stream().map(part -> new Contribution(part.groupName(), part.source(),
                            label(part.level()), part.winner())).toList());
        }

        private static String label(AccessLevel level) {
            return switch (level) {
                case USE -> "Use";
                case EDIT -> "Edit";
                case OWN -> "Own";
            };
        }
    }

    @PostMapping("/{id}/{action}")
    String act(Caller caller, @PathVariable UUID id, @PathVariable String action,
            @RequestParam(required = false) List<String> groups, @RequestParam(required = false) String key,
            @RequestParam(required = false) String value, RedirectAttributes flash) {
        var user = new UserId(id);
        try {
            switch (action) {
                case "resend" -> {
                    var issued = users.resendInvitation(caller, user);
                    flash.addFlashAttribute("invitationLink", issued.link());
                    flash.addFlashAttribute("notice", "Invitation sent again; the earlier link no longer works.");
                }
                case "revoke" -> {
                    users.revokeInvitation(caller, user);
                    flash.addFlashAttribute("notice", "Invitation revoked.");
                    return "redirect:/users?filter=invited";
                }
                case "approve" -> {
                    users.approve(caller, user, groups(groups));
                    flash.addFlashAttribute("notice", "Approved.");
                }
                case "decline" -> {
                    users.decline(caller, user);
                    flash.addFlashAttribute("notice", "Request declined.");
                    return "redirect:/users?filter=suggested";
                }
                case "disable" -> {
                    users.disable(caller, user);
                    flash.addFlashAttribute("notice", "Disabled. Their sessions and tokens no longer work here.");
                }
                case "enable" -> {
                    users.enable(caller, user);
                    flash.addFlashAttribute("notice", "Enabled again, with their groups.");
                }
                case "attribute" -> {
                    users.putAttribute(caller, user, key, value);
                    flash.addFlashAttribute("notice", "Attribute '" + key + "' saved.");
                }
                case "reset-two-factor" -> {
                    twoFactor.reset(caller, user);
                    flash.addFlashAttribute("notice", "Two-factor sign-in reset. Their sessions are signed out.");
                }
                case "remove-attribute" -> {
                    users.removeAttribute(caller, user, key);
                    flash.addFlashAttribute("notice", "Attribute '" + key + "' removed.");
                }
                default -> throw InvalidInputException.of("action", "request.invalid_option", "Unknown action.");
            }
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/users/" + id;
    }

    private static Set<BuiltInGroup> groups(List<String> names) {
        var chosen = EnumSet.noneOf(BuiltInGroup.class);
        if (names != null) {
            names.forEach(name -> chosen.add(BuiltInGroup.valueOf(name)));
        }
        return chosen;
    }
}
