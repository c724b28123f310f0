package io.iamledger.events.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR block as written in an {@code IpAddress} / {@code NotIpAddress} condition, e.g.
 * {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or a single address (a /32 or /128). Host bits below the
 * prefix are ignored. Immutable and thread-safe.
 */
public final class IpRange {
    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** The range written as {@code text}, or empty if it is not an address with an optional prefix length. Never throws. */
    public static Optional<IpRange> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = address.indexOf(':') >= 0 ? ipv6(address) : ipv4(address);
        if (bytes == null) {
            return Optional.empty();
        }
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            prefix = smallNumber(digits, 10, 3);
            if (prefix < 0 || prefix > maxPrefix) {
                return Optional.empty();
            }
        }
        mask(bytes, prefix);
        return Optional.of(new IpRange(bytes, prefix));
    }

    /** Whether {@code address} (4 bytes for IPv4, 16 for IPv6, network order) is in the range; false across families. */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        byte[] masked = address.clone();
        mask(masked, prefixLength);
        return Arrays.equals(masked, network);
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The first address of the range, in network order; a copy. */
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (isIpv6()) {
            for (int i = 0; i < 16; i += 2) {
                out.append(i == 0 ? "" : ":").append(Integer.toHexString((network[i] & 0xFF) << 8 | network[i + 1] & 0xFF));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : ".").append(network[i] & 0xFF);
            }
        }
        return out.append('/').append(prefixLength).toString();
    }

    private static void mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = smallNumber(parts[i], 10, 3);
            if (value < 0 || value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            put(bytes, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            put(bytes, 8 - tail.length + i, tail[i]);
        }
        return bytes;
    }

    /** 16-bit groups separated by colons, the last of which may be a dotted IPv4 address (two groups). */
    private static int[] groups(String text, boolean ipv4Last) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        if (parts.length > 8) {
            return null;
        }
        boolean embedded = ipv4Last && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (embedded ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (embedded && i == parts.length - 1) {
                byte[] v4 = ipv4(parts[i]);
                if (v4 == null) {
                    return null;
                }
                groups[i] = (v4[0] & 0xFF) << 8 | v4[1] & 0xFF;
                groups[i + 1] = (v4[2] & 0xFF) << 8 | v4[3] & 0xFF;
            } else {
                groups[i] = smallNumber(parts[i], 16, 4);
                if (groups[i] < 0) {
                    return null;
                }
            }
        }
        return groups;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[group * 2] = (byte) (value >>> 8);
        bytes[group * 2 + 1] = (byte) value;
    }

    /** The digits as a number in {@code radix}, or -1 unless there are 1 to {@code maxDigits} of them. */
    private static int smallNumber(String text, int radix, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = asciiDigit(text.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }

    /** Only ASCII digits count: {@link Character#digit} would also take other scripts' digits. */
    private static int asciiDigit(char c, int radix) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (radix == 16 && c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (radix == 16 && c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
