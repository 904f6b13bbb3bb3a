package dk.care.provisioning.web;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Settings read under a name they no longer have, each with one WARN that names the setting to use
 * instead. Where both names are set, the new one wins (and the old one is still warned about).
 */
final class LegacySettings {

    private static final Logger log = LoggerFactory.getLogger(LegacySettings.class);

    private final Binder binder;

    LegacySettings(Binder binder) {
        this.binder = binder;
    }

    <T> Optional<T> read(String oldName, String newName, Class<T> type) {
        return read(oldName, newName, Bindable.of(type));
    }

    <T> Optional<List<T>> readList(String oldName, String newName, Class<T> type) {
        return read(oldName, newName, Bindable.listOf(type));
    }

    private <T> Optional<T> read(String oldName, String newName, Bindable<T> type) {
        Optional<T> old = binder.bind(oldName, type).map(Optional::of).orElse(Optional.empty());
        if (old.isEmpty()) {
            return old;
        }
        // The name only, never the value: some of these are secrets.
        log.warn("{} is deprecated: set {} instead (see docs/configuration.md)", oldName, newName);
        return binder.bind(newName, type).isBound() ? Optional.empty() : old;
    }
}
