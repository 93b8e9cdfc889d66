package dev.faultlab.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.faultlab.LabException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Device settings read and written by ioctl, without forking a tool per device. {@code ethtool -K DEV tso off gso
 * off gro off} as SIOCETHTOOL ioctls on a socket of the calling thread's network
 * namespace, so a lab of hundreds of veths does not fork an ethtool for each. Like ethtool, it clears features by
 * the kernel's names for them (ETHTOOL_GSTRINGS, then ETHTOOL_SFEATURES): every TCP segmentation feature
 * ({@code tx-tcp*-segmentation}, whose list grows with kernels), generic segmentation and generic receive offload.
 */
public final class DeviceIoctls {
    private static final long SIOCGIFHWADDR = 0x8927;
    private static final int ETHTOOL_GSTRINGS = 0x1b;
    private static final int ETHTOOL_GSSET_INFO = 0x37;
    private static final int ETHTOOL_SFEATURES = 0x3b;
    private static final int ETH_SS_FEATURES = 4;
    private static final int ETH_GSTRING_LEN = 32;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;
    private static final Predicate<String> SEGMENTATION = name -> name.equals("tx-generic-segmentation")
            || name.equals("rx-gro") || name.startsWith("tx-tcp") && name.endsWith("segmentation");

    private DeviceIoctls() {
    }

    /** Turns TSO, GSO and GRO off on each device of the calling thread's namespace. */
    public static void disableSegmentation(String who, List<String> devices) {
        if (devices.isEmpty()) {
            return;
        }
        Libc libc = Libc.INSTANCE;
        int fd;
        try {
            fd = libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new LabException(who + ": cannot open a socket for ethtool ioctls (errno " + e.getErrorCode() + ")");
        }
        try {
            List<String> names = featureNames(fd, who, devices.get(0));
            int blocks = (names.size() + 31) / 32;
            try (Memory features = new Memory(8 + 8L * blocks)) {
                features.clear();
                features.setInt(0, ETHTOOL_SFEATURES);
                features.setInt(4, blocks);
                for (int bit = 0; bit < names.size(); bit++) {
                    if (SEGMENTATION.test(names.get(bit))) {
                        long valid = 8 + 8L * (bit / 32);
                        features.setInt(valid, features.getInt(valid) | 1 << (bit % 32)); // requested stays 0: off
                    }
                }
                for (String device : devices) {
                    ethtool(fd, who, device, features);
                }
            }
        } finally {
            libc.close(fd);
        }
    }

    /** The kernel's feature names, by bit. */
    private static List<String> featureNames(int fd, String who, String device) {
        int count;
        try (Memory info = new Memory(16 + 4)) {
            info.clear();
            info.setInt(0, ETHTOOL_GSSET_INFO);
            info.setLong(8, 1L << ETH_SS_FEATURES);
            ethtool(fd, who, device, info);
            count = info.getInt(16);
        }
        List<String> names = new ArrayList<>(count);
        try (Memory strings = new Memory(12 + (long) count * ETH_GSTRING_LEN)) {
            strings.clear();
            strings.setInt(0, ETHTOOL_GSTRINGS);
            strings.setInt(4, ETH_SS_FEATURES);
            strings.setInt(8, count);
            ethtool(fd, who, device, strings);
            for (int i = 0; i < count; i++) {
                byte[] raw = strings.getByteArray(12 + (long) i * ETH_GSTRING_LEN, ETH_GSTRING_LEN);
                int end = 0;
                while (end < raw.length && raw[end] != 0) {
                    end++;
                }
                names.add(new String(raw, 0, end, StandardCharsets.US_ASCII));
            }
        }
        return names;
    }

    /** The MAC address of a device of the calling thread's namespace (SIOCGIFHWADDR), empty when it does not exist. */
    public static java.util.Optional<String> macAddress(String device) {
        Libc libc = Libc.INSTANCE;
        int fd = libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        try (Memory request = new Memory(IFREQ_SIZE)) {
            request.clear();
            byte[] name = device.getBytes(StandardCharsets.US_ASCII);
            request.write(0, name, 0, Math.min(name.length, IFNAMSIZ - 1));
            try {
                libc.ioctl(fd, SIOCGIFHWADDR, request);
            } catch (LastErrorException e) {
                return java.util.Optional.empty();
            }
            StringBuilder mac = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                mac.append(i == 0 ? "" : ":").append(String.format("%02x", request.getByte(IFNAMSIZ + 2 + i)));
            }
            return java.util.Optional.of(mac.toString());
        } finally {
            libc.close(fd);
        }
    }

    private static void ethtool(int fd, String who, String device, Memory data) {
        byte[] name = device.getBytes(StandardCharsets.US_ASCII);
        if (name.length >= IFNAMSIZ) {
            throw new LabException(who + ": device name '" + device + "' is longer than 15 characters");
        }
        try (Memory request = new Memory(IFREQ_SIZE)) {
            request.clear();
            request.write(0, name, 0, name.length);
            request.setPointer(IFNAMSIZ, data);
            Libc.INSTANCE.ioctl(fd, Libc.SIOCETHTOOL, request);
        } catch (LastErrorException e) {
            throw new LabException(who + ": ethtool request on " + device + " failed (errno " + e.getErrorCode()
                    + "): does the device exist? run 'faultlab doctor'");
        }
    }
}
