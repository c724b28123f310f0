package io.iamledger.infra.it;

import static io.iamledger.infra.it.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.iamledger.infra.audit.AuditRecord;
import io.iamledger.infra.credentials.Totp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Virtual MFA through the AWS SDK: a device's seed comes back once (Base32 and as a QR code of its otpauth URI),
 * two consecutive codes enable it for a user, its codes then make MFA-authenticated sessions (GetSessionToken,
 * AssumeRole with a trust policy that requires MFA), each code works once, ResyncMFADevice follows a drifting
 * clock, and the rules AWS keeps (one user per device, eight devices per user, no deletion while in use, no user
 * deletion while it has a device) hold. Codes are computed here from the seed, as an authenticator app would.
 */
class MfaIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IamClient root = SharedLedger.iam();
    private final String account = SharedLedger.server().accountId();

    @Test
    void aDeviceIsEnabledWithTwoConsecutiveCodesAndListedWithItsUser() throws Exception {
        String user = SharedLedger.unique("mfa-alice");
        root.createUser(r -> r.userName(user));
        String deviceName = SharedLedger.unique("alice-phone");
        VirtualMFADevice created = root.createVirtualMFADevice(r -> r.virtualMFADeviceName(deviceName)
                .path("/phones/").tags(software.amazon.awssdk.services.iam.model.Tag.builder().key("team").value("audit")
                        .build())).virtualMFADevice();

        String serial = "arn:aws:iam::" + account + ":mfa/phones/" + deviceName;
        assertThat(created.serialNumber()).isEqualTo(serial);
        String base32 = created.base32StringSeed().asUtf8String();
        assertThat(base32).matches("[A-Z2-7]{32}");
        assertThat(decodeQr(created.qrCodePNG().asByteArray()))
                .isEqualTo("otpauth://totp/" + deviceName + "%40" + account + "?secret=" + base32);

        assertThat(unassignedSerials()).contains(serial);
        assertAwsError(() -> root.enableMFADevice(r -> r.userName(user).serialNumber(serial)
                .authenticationCode1("000000").authenticationCode2("000000")), 403, "InvalidAuthenticationCode",
                "Authentication code for device is not valid.");

        Instant before = Instant.now();
        enable(user, serial, base32);

        List<MFADevice> devices = root.listMFADevices(r -> r.userName(user)).mfaDevices();
        assertThat(devices).singleElement().satisfies(device -> {
            assertThat(device.serialNumber()).isEqualTo(serial);
            assertThat(device.userName()).isEqualTo(user);
            assertThat(device.enableDate()).isAfter(before.minusSeconds(2));
        });
        VirtualMFADevice listed = root.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED))
                .virtualMFADevices().stream().filter(device -> device.serialNumber().equals(serial)).findFirst()
                .orElseThrow();
        assertThat(listed.user().userName()).isEqualTo(user);
        assertThat(listed.user().arn()).isEqualTo("arn:aws:iam::" + account + ":user/" + user);
        assertThat(listed.tags()).singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo("audit"));
        assertThat(listed.base32StringSeed()).as("the seed is shown once").isNull();
        assertThat(unassignedSerials()).doesNotContain(serial);

        // the record of the enabling call shows neither code; no row anywhere holds the seed in clear
        JdbcTemplate jdbc = SharedLedger.jdbc();
        JsonNode record = JSON.readTree(jdbc.queryForObject("select record::text from audit_record where event_name"
                + " = 'EnableMFADevice' and record ->> 'errorCode' is null and record::text like ?", String.class,
                "%" + user + "%"));
        assertThat(record.path("requestParameters").path("authenticationCode1").asText())
                .isEqualTo(AuditRecord.HIDDEN);
        assertThat(record.path("requestParameters").path("authenticationCode2").asText())
                .isEqualTo(AuditRecord.HIDDEN);
        JsonNode creation = JSON.readTree(jdbc.queryForObject("select record::text from audit_record where"
                + " event_name = 'CreateVirtualMFADevice' and record::text like ?", String.class,
                "%" + deviceName + "%"));
        assertThat(creation.path("responseElements").path("virtualMFADevice").path("base32StringSeed").asText())
                .isEqualTo(AuditRecord.HIDDEN);
        List<String> rows = new ArrayList<>();
        jdbc.query("select payload from domain_event_entry", rs -> {
            rows.add(new String(rs.getBytes(1), StandardCharsets.UTF_8));
        });
        jdbc.query("select record::text from audit_record", rs -> {
            rows.add(rs.getString(1));
        });
        jdbc.query("select t::text from mfa_seed t", rs -> {
            rows.add(rs.getString(1));
        });
        assertThat(rows).hasSizeGreaterThan(3).noneMatch(text -> text.contains(base32));
    }

    @Test
    void aCodeMakesAnMfaSessionOnceAndSuchASessionMayCallIam() {
        String user = SharedLedger.unique("mfa-bob");
        AwsCredentials key = SharedLedger.userWithKey(root, user);
        root.attachUserPolicy(r -> r.userName(user).policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
        String serial = createDevice(SharedLedger.unique("bob-phone"));
        String base32 = seeds.get(serial);
        long step = enable(user, serial, base32);
        byte[] seed = Totp.fromBase32(base32);

        try (StsClient sts = SharedLedger.sts(key)) {
            // the codes that enabled the device are spent
            assertAwsError(() -> sts.getSessionToken(r -> r.serialNumber(serial)
                    .tokenCode(Totp.code(seed, step))), 403, "AccessDenied",
                    "MultiFactorAuthentication failed with invalid MFA one time pass code.");
            String next = Totp.code(seed, step + 1);
            Credentials session = sts.getSessionToken(r -> r.serialNumber(serial).tokenCode(next)).credentials();
            assertAwsError(() -> sts.getSessionToken(r -> r.serialNumber(serial).tokenCode(next)), 403,
                    "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.");
            // another user's device is not the caller's
            assertAwsError(() -> sts.getSessionToken(r -> r.serialNumber(serial + "-other").tokenCode(next)), 403,
                    "AccessDenied", null);

            AwsCredentials mfaSession = AwsSessionCredentials.create(session.accessKeyId(),
                    session.secretAccessKey(), session.sessionToken());
            try (IamClient iam = SharedLedger.iam(mfaSession)) {
                assertThat(iam.getUser(r -> r.userName(user)).user().userName()).isEqualTo(user);
            }
            Credentials plain = sts.getSessionToken().credentials();
            try (IamClient iam = SharedLedger.iam(AwsSessionCredentials.create(plain.accessKeyId(),
                    plain.secretAccessKey(), plain.sessionToken()))) {
                // as on AWS: IAM takes GetSessionToken credentials only when they were issued with MFA
                assertAwsError(() -> iam.getUser(r -> r.userName(user)), 403, "InvalidClientTokenId", null);
            }
        }
    }

    @Test
    void aTrustPolicyRequiringMfaAdmitsOnlyACallerWhoPresentsACode() throws Exception {
        String user = SharedLedger.unique("mfa-carol");
        AwsCredentials key = SharedLedger.userWithKey(root, user);
        String serial = createDevice(SharedLedger.unique("carol-phone"));
        long step = enable(user, serial, seeds.get(serial));
        String role = SharedLedger.unique("breakglass");
        String roleArn = root.createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":user/"
                + user + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":"
                + "\"true\"}}}]}")).role().arn();

        try (StsClient sts = SharedLedger.sts(key)) {
            assertAwsError(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("no-mfa")), 403,
                    "AccessDenied", "User: arn:aws:iam::" + account + ":user/" + user
                            + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
            String code = Totp.code(Totp.fromBase32(seeds.get(serial)), step + 1);
            Credentials session = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("with-mfa")
                    .serialNumber(serial).tokenCode(code)).credentials();
            assertThat(session.accessKeyId()).startsWith("ASIA");
            try (StsClient assumed = SharedLedger.sts(AwsSessionCredentials.create(session.accessKeyId(),
                    session.secretAccessKey(), session.sessionToken()))) {
                assertThat(assumed.getCallerIdentity().arn()).endsWith(":assumed-role/" + role + "/with-mfa");
            }
        }
        // the session's audit records say it was MFA-authenticated (reads are recorded in batches: wait for it)
        List<String> records = List.of();
        for (long deadline = System.nanoTime() + 10_000_000_000L; records.isEmpty() && System.nanoTime() < deadline;
             Thread.sleep(50)) {
            records = SharedLedger.jdbc().queryForList("select record::text from audit_record where event_name"
                    + " = 'GetCallerIdentity' and record::text like ?", String.class, "%/with-mfa%");
        }
        assertThat(records).hasSize(1);
        JsonNode call = JSON.readTree(records.get(0));
        assertThat(call.path("userIdentity").path("sessionContext").path("attributes").path("mfaAuthenticated")
                .asText()).isEqualTo("true");
    }

    @Test
    void resyncFollowsADeviceWhoseClockRunsAhead() {
        String user = SharedLedger.unique("mfa-dave");
        AwsCredentials key = SharedLedger.userWithKey(root, user);
        String serial = createDevice(SharedLedger.unique("dave-phone"));
        String base32 = seeds.get(serial);
        long step = enable(user, serial, base32);
        byte[] seed = Totp.fromBase32(base32);
        long ahead = step + 12; // six minutes fast

        try (StsClient sts = SharedLedger.sts(key)) {
            assertAwsError(() -> sts.getSessionToken(r -> r.serialNumber(serial)
                    .tokenCode(Totp.code(seed, ahead + 2))), 403, "AccessDenied", null);
            root.resyncMFADevice(r -> r.userName(user).serialNumber(serial)
                    .authenticationCode1(Totp.code(seed, ahead)).authenticationCode2(Totp.code(seed, ahead + 1)));
            assertThat(sts.getSessionToken(r -> r.serialNumber(serial).tokenCode(Totp.code(seed, ahead + 2)))
                    .credentials().accessKeyId()).startsWith("ASIA");
        }
        assertAwsError(() -> root.resyncMFADevice(r -> r.userName(user).serialNumber(serial)
                .authenticationCode1("123456").authenticationCode2("654321")), 403, "InvalidAuthenticationCode",
                null);
    }

    @Test
    void aDeviceServesOneUserAndNeitherGoesWhileTheyAreTogether() {
        String erin = SharedLedger.unique("mfa-erin");
        String frank = SharedLedger.unique("mfa-frank");
        root.createUser(r -> r.userName(erin));
        root.createUser(r -> r.userName(frank));
        String deviceName = SharedLedger.unique("shared-phone");
        String serial = createDevice(deviceName);
        long step = enable(erin, serial, seeds.get(serial));
        byte[] seed = Totp.fromBase32(seeds.get(serial));

        assertAwsError(() -> root.createVirtualMFADevice(r -> r.virtualMFADeviceName(deviceName)), 409,
                "EntityAlreadyExists", "MFADevice entity at the same path and name already exists.");
        assertAwsError(() -> root.enableMFADevice(r -> r.userName(frank).serialNumber(serial)
                .authenticationCode1(Totp.code(seed, step + 1)).authenticationCode2(Totp.code(seed, step + 2))),
                409, "EntityAlreadyExists", null);
        assertAwsError(() -> root.enableMFADevice(r -> r.userName("nobody-" + erin).serialNumber(serial)
                .authenticationCode1("111111").authenticationCode2("222222")), 404, "NoSuchEntity",
                "The user with name nobody-" + erin + " cannot be found.");
        assertAwsError(() -> root.deleteVirtualMFADevice(r -> r.serialNumber(serial)), 409, "DeleteConflict", null);
        assertAwsError(() -> root.deleteUser(r -> r.userName(erin)), 409, "DeleteConflict",
                "Cannot delete entity, must delete MFA device first.");
        assertAwsError(() -> root.deactivateMFADevice(r -> r.userName(frank).serialNumber(serial)), 404,
                "NoSuchEntity", null);

        root.deactivateMFADevice(r -> r.userName(erin).serialNumber(serial));
        assertThat(root.listMFADevices(r -> r.userName(erin)).mfaDevices()).isEmpty();
        assertThat(unassignedSerials()).contains(serial);
        root.deleteVirtualMFADevice(r -> r.serialNumber(serial));
        root.deleteUser(r -> r.userName(erin));
        assertThat(root.listVirtualMFADevices().virtualMFADevices())
                .noneMatch(device -> device.serialNumber().equals(serial));
        assertAwsError(() -> root.deleteVirtualMFADevice(r -> r.serialNumber(serial)), 404, "NoSuchEntity",
                "VirtualMFADevice with serial number " + serial + " doesn't exist.");

        // the name is free again: a new device, a new seed
        VirtualMFADevice again = root.createVirtualMFADevice(r -> r.virtualMFADeviceName(deviceName))
                .virtualMFADevice();
        assertThat(again.serialNumber()).isEqualTo(serial);
        assertThat(again.base32StringSeed().asUtf8String()).isNotEqualTo(seeds.get(serial));
    }

    @Test
    void aUserHoldsAtMostEightDevices() {
        String user = SharedLedger.unique("mfa-grace");
        root.createUser(r -> r.userName(user));
        for (int i = 0; i < 8; i++) {
            String serial = createDevice(SharedLedger.unique("grace-" + i));
            enable(user, serial, seeds.get(serial));
        }
        String ninth = createDevice(SharedLedger.unique("grace-9"));
        assertAwsError(() -> enable(user, ninth, seeds.get(ninth)), 409, "LimitExceeded",
                "Cannot exceed quota for MFADevicesInUsePerUser: 8");
        assertThat(root.listMFADevices(r -> r.userName(user)).mfaDevices()).hasSize(8);
    }

    @Test
    void badInputGetsAwsErrors() {
        assertAwsError(() -> root.createVirtualMFADevice(r -> r.virtualMFADeviceName("bad name")), 400,
                "ValidationError", null);
        assertAwsError(() -> root.enableMFADevice(r -> r.userName("someone").serialNumber("arn:aws:iam::"
                + account + ":mfa/x").authenticationCode1("12345").authenticationCode2("123456")), 400,
                "ValidationError", null);
        assertAwsError(() -> root.listVirtualMFADevices(r -> r.assignmentStatus("Sometimes")), 400,
                "ValidationError", null);
        try (StsClient sts = SharedLedger.sts(SharedLedger.rootCredentials())) {
            assertAwsError(() -> sts.getSessionToken(r -> r.serialNumber("arn:aws:iam::" + account + ":mfa/x")),
                    403, "AccessDenied", "MultiFactorAuthentication failed: both SerialNumber and TokenCode are"
                            + " required.");
        }
    }

    // ---- helpers ----

    private final java.util.Map<String, String> seeds = new java.util.HashMap<>();

    private String createDevice(String name) {
        VirtualMFADevice device = root.createVirtualMFADevice(r -> r.virtualMFADeviceName(name)).virtualMFADevice();
        seeds.put(device.serialNumber(), device.base32StringSeed().asUtf8String());
        return device.serialNumber();
    }

    /** Enables the device with the codes of the step before now and of now; returns now's step. */
    private long enable(String user, String serial, String base32) {
        byte[] seed = Totp.fromBase32(base32);
        long step = Totp.step(Instant.now());
        root.enableMFADevice(r -> r.userName(user).serialNumber(serial)
                .authenticationCode1(Totp.code(seed, step - 1)).authenticationCode2(Totp.code(seed, step)));
        return step;
    }

    private List<String> unassignedSerials() {
        return root.listVirtualMFADevicesPaginator(r -> r.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                .virtualMFADevices().stream().map(VirtualMFADevice::serialNumber).toList();
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }
}
