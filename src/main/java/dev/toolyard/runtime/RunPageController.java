package dev.toolyard.runtime;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import dev.toolyard.apps.AppManagement;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The end user's page of an app (Use on it; else the ordinary "not found" page) and the sandboxed
 * frame the app runs in (T-SEC3). The frame's own headers replace the console's: it may be
 * embedded by Toolyard's pages only, runs scripts of Toolyard's origin and, because the app's
 * expressions are compiled there, eval — but as an opaque origin that can fetch nothing.
 */
@Controller
class RunPageController {

    /**
     * sandbox without allow-same-origin: an opaque origin, no cookies, no access to the parent.
     * connect-src 'none': no fetch, XHR, WebSocket or EventSource at all.
     */
    static final String FRAME_POLICY = "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox "
            + "allow-downloads; default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: https:; font-src 'self'; connect-src 'none'; form-action 'none'; base-uri 'none'; "
            + "frame-ancestors 'self'";

    private final AppManagement apps;

    RunPageController(AppManagement apps) {
        this.apps = apps;
    }

    @GetMapping("/run/{id}")
    String run(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String release, Model model) {
        var app = apps.app(caller, new AppId(id)).app();
        model.addAttribute("app", app);
        model.addAttribute("release", release == null || release.isBlank() ? null : release);
        return "run";
    }

    @GetMapping("/run/{id}/frame")
    String frame(Caller caller, @PathVariable UUID id, HttpServletResponse response) {
        apps.app(caller, new AppId(id));
        response.setHeader("Content-Security-Policy", FRAME_POLICY);
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Cache-Control", "no-store");
        return "run-frame";
    }
}
