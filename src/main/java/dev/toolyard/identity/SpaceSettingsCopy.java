package dev.toolyard.identity;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.toolyard.spaces.SpaceCopiedFromAdminSpace;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-SP5: when a space copies from the admin space, the settings identity keeps come along: the
 * allowed e-mail domains. In the same transaction as the rest of the copy.
 */
@Component
class SpaceSettingsCopy {

    private final SpaceUserRepository repository;
    private final SpaceManagement spaces;
    private final ApplicationEventPublisher events;

    SpaceSettingsCopy(SpaceUserRepository repository, SpaceManagement spaces, ApplicationEventPublisher events) {
        this.repository = repository;
        this.spaces = spaces;
        this.events = events;
    }

    @EventListener
    void on(SpaceCopiedFromAdminSpace copy) {
        var domains = repository.allowedDomains(spaces.adminSpaceId());
        var target = copy.space().id();
        var before = repository.allowedDomains(target);
        if (!domains.equals(before)) {
            repository.replaceAllowedDomains(target, domains);
            events.publishEvent(new AllowedDomainsChanged(copy.caller(), target, before, domains));
        }
    }
}
