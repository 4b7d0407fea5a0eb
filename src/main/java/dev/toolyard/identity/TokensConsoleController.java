package dev.toolyard.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/** Settings → API tokens: make, list and revoke your own tokens; a new secret is shown once. */
@Controller
@RequestMapping("/settings/tokens")
class TokensConsoleController {

    private final ApiTokenManagement tokens;
    private final Clock clock;

    TokensConsoleController(ApiTokenManagement tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping
    String page(Caller caller, Model model) {
        return render(caller, model);
    }

    @PostMapping
    String create(Caller caller, @RequestParam String name, @RequestParam(required = false) List<String> scopes,
            @RequestParam(defaultValue = "90") int expiresInDays, Model model, HttpServletResponse response) {
        var chosen = EnumSet.noneOf(ApiScope.class);
        if (scopes != null) {
            scopes.forEach(value -> ApiScope.fromValue(value).ifPresent(chosen::add));
        }
        try {
            var expiresAt = expiresInDays <= 0 ? null : clock.instant().plus(Duration.ofDays(expiresInDays));
            var issued = tokens.create(caller, name, chosen, expiresAt);
            // The secret is on this page only: keep it out of caches and the browser's history.
            response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
            model.addAttribute("issued", issued);
        } catch (InvalidInputException | ForbiddenException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("draftName", name);
        }
        return render(caller, model);
    }

    @PostMapping("/{id}/revoke")
    String revoke(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        var token = tokens.revoke(caller, id);
        flash.addFlashAttribute("notice", "Token '" + token.name() + "' revoked.");
        return "redirect:/settings/tokens";
    }

    private String render(Caller caller, Model model) {
        model.addAttribute("tokens", tokens.listOwn(caller));
        model.addAttribute("scopes", List.of(ApiScope.values()));
        model.addAttribute("now", clock.instant());
        return "tokens";
    }
}
