package dev.evolve.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which member a dispatch may take: a target that needs a device goes only to members with one. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SlotsTest {

    @Test
    void aTargetThatNeedsADeviceTakesOnlyTheSlotsOfMembersWithOne() throws Exception {
        Slots slots = new Slots(true);
        slots.add("cpu-only", "10.0.0.1:5701", null, 4, 0);
        slots.add("gpu", "10.0.0.2:5701", null, 2, 1);
        Slots.Slot first = slots.acquire(null, Duration.ofSeconds(1));
        Slots.Slot second = slots.acquire("gpu", Duration.ofSeconds(1));   // avoiding it, yet no other may take it
        assertThat(first.id()).isEqualTo("gpu");
        assertThat(second.id()).isEqualTo("gpu");
        // both of its slots taken: the next dispatch waits for one of them, never for the member without a device
        var third = CompletableFuture.supplyAsync(() -> {
            try {
                return slots.acquire(null, Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(third).isNotDone();
        slots.release(first);
        assertThat(third.get(30, TimeUnit.SECONDS).id()).isEqualTo("gpu");
    }

    @Test
    void withoutAMemberThatHasADeviceTheDispatchFailsWithTheReason() {
        Slots slots = new Slots(true);
        slots.add("cpu-only", "10.0.0.1:5701", null, 4, 0);
        assertThatThrownBy(() -> slots.acquire(null, Duration.ofMillis(200))).isInstanceOf(ClusterException.class)
                .hasMessageContaining("OpenCL device");
        assertThat(slots.inFlight()).isZero();
    }

    @Test
    void aTargetThatRunsAnywhereTakesAnyMemberMostFreeFirst() throws Exception {
        Slots slots = new Slots(false);
        slots.add("cpu-only", "10.0.0.1:5701", null, 4, 0);
        slots.add("gpu", "10.0.0.2:5701", null, 2, 1);
        assertThat(slots.acquire(null, Duration.ofSeconds(1)).id()).isEqualTo("cpu-only");
        assertThat(slots.acquire("cpu-only", Duration.ofSeconds(1)).id()).isEqualTo("gpu");
    }

    @Test
    void aMemberAdvertisesItsDevicesAsAttributes() {
        var config = MemberConfigs.member("c", ClusterAddress.parse("127.0.0.1:5701"), "127.0.0.1", 5701, 2,
                new MemberDevices(java.util.List.of("0:0 cpu-haswell CPU", "1:0 gfx90a GPU")));
        var attributes = config.getMemberAttributeConfig();
        assertThat(attributes.getAttribute(MemberConfigs.DEVICE_COUNT)).isEqualTo("2");
        assertThat(attributes.getAttribute(MemberConfigs.DEVICE_LIST)).isEqualTo("0:0 cpu-haswell CPU|1:0 gfx90a GPU");
        assertThat(MemberConfigs.member("c", ClusterAddress.parse("127.0.0.1:5701"), "127.0.0.1", 5701, 2)
                .getMemberAttributeConfig().getAttribute(MemberConfigs.DEVICE_COUNT)).isEqualTo("0");
    }
}
