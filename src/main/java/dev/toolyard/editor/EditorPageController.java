package dev.toolyard.editor;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.apps.AppManagement;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.NotFoundException;

/**
 * The editor of an app (T-AP4). Without Edit the app is "not found", as elsewhere for objects a
 * person may not change; the API the page calls checks Edit again on every read and save.
 */
@Controller
class EditorPageController {

    private final AppManagement apps;

    EditorPageController(AppManagement apps) {
        this.apps = apps;
    }

    @GetMapping("/apps/{id}/edit")
    String edit(Caller caller, @PathVariable UUID id, Model model) {
        var visible = apps.app(caller, new AppId(id));
        if (!visible.level().atLeast(AccessLevel.EDIT)) {
            throw new NotFoundException("app.not_found", "There is no app " + visible.app().id() + ".");
        }
        model.addAttribute("app", visible.app());
        return "editor";
    }
}
