package org.ppcvm.linux.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every guest struct layout against what {@code powerpc-linux-gnu-gcc} makes of the headers. */
class GuestLayoutsTest {
    static final String KERNEL_HEADERS = """
            #include <asm/stat.h>
            #include <linux/stat.h>
            #include <linux/time_types.h>
            #include <linux/utsname.h>
            #include <linux/sysinfo.h>
            #include <linux/resource.h>
            #include <asm/termbits.h>
            #include <asm/termios.h>
            #include <asm/statfs.h>
            """;

    static final String LIBC_HEADERS = """
            #define _GNU_SOURCE
            #include <dirent.h>
            #include <time.h>
            #include <sys/time.h>
            #include <sys/utsname.h>
            #include <sys/socket.h>
            #include <sys/un.h>
            #include <netinet/in.h>
            #include <sys/epoll.h>
            """;

    @Test
    void kernelStructsMatchTheCrossCompiler(@TempDir Path dir) {
        CProbe.Report report = CProbe.probe(CProbe.Target.GUEST, dir, KERNEL_HEADERS, GuestLayouts.KERNEL, List.of());
        assertThat(CProbe.layoutMismatches(report, GuestLayouts.KERNEL)).isEmpty();
    }

    @Test
    void libcStructsMatchTheCrossCompiler(@TempDir Path dir) {
        CProbe.Report report = CProbe.probe(CProbe.Target.GUEST, dir, LIBC_HEADERS, GuestLayouts.LIBC, List.of());
        assertThat(CProbe.layoutMismatches(report, GuestLayouts.LIBC)).isEmpty();
    }

    @Test
    void sizesAreThoseOfThePowerPcAbi() {
        // Pinned so that a layout edit cannot pass by changing the probe's expectations too.
        assertThat(GuestStat64.LAYOUT.byteSize()).isEqualTo(104);
        assertThat(GuestStatx.LAYOUT.byteSize()).isEqualTo(256);
        assertThat(GuestSysinfo.LAYOUT.byteSize()).isEqualTo(64);
        assertThat(GuestTermios.LAYOUT.byteSize()).isEqualTo(44);
        assertThat(GuestUtsname.LAYOUT.byteSize()).isEqualTo(390);
        assertThat(GuestStatfs.STATFS.byteSize()).isEqualTo(64);
        assertThat(GuestStatfs.STATFS64.byteSize()).isEqualTo(88);
        assertThat(GuestEpollEvent.LAYOUT.byteSize()).isEqualTo(16);
        assertThat(GuestMsghdr.LAYOUT.byteSize()).isEqualTo(28);
        assertThat(GuestCmsg.CMSGHDR.byteSize()).isEqualTo(12);
        assertThat(GuestSockaddr.SOCKADDR_IN.byteSize()).isEqualTo(16);
        assertThat(GuestSockaddr.SOCKADDR_IN6.byteSize()).isEqualTo(28);
        assertThat(GuestSockaddr.SOCKADDR_UN.byteSize()).isEqualTo(110);
    }
}
