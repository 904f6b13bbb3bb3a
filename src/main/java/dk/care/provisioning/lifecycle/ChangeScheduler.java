package dk.care.provisioning.lifecycle;

import dk.care.provisioning.polling.PollingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Applies scheduled changes when due, on every instance: {@link UserChanges#applyDue} claims with
 * row locks that other instances skip, so each change is applied by exactly one of them, once.
 */
@Component
class ChangeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeScheduler.class);

    private final PollingLoop loop;
    private final LifecycleProperties properties;

    ChangeScheduler(UserChanges changes, LifecycleProperties properties) {
        this.properties = properties;
        this.loop = new PollingLoop("change-scheduler", "Change scheduler", log, properties.schedulerInterval(),
                properties.schedulerMaxBackoff(), () -> changes.applyDue(properties.schedulerBatchSize())
                        < properties.schedulerBatchSize() ? PollingLoop.Next.REST : PollingLoop.Next.AGAIN);
    }

    @Override
    public void start() {
        loop.start();
    }

    /** A round in flight commits or rolls back as a whole; either way nothing is applied twice. */
    @Override
    public void stop() {
        loop.stop(properties.schedulerMaxBackoff());
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
