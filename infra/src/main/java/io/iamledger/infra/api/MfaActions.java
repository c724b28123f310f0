package io.iamledger.infra.api;

import io.iamledger.command.mfa.CreateVirtualMfaDeviceCommand;
import io.iamledger.command.mfa.DeactivateMfaDeviceCommand;
import io.iamledger.command.mfa.DeleteVirtualMfaDeviceCommand;
import io.iamledger.command.mfa.EnableMfaDeviceCommand;
import io.iamledger.command.mfa.VirtualMfaDeviceAggregate;
import io.iamledger.command.validation.IamNames;
import io.iamledger.events.arn.Arn;
import io.iamledger.events.error.ErrorCode;
import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.Tag;
import io.iamledger.infra.credentials.IdGenerator;
import io.iamledger.infra.credentials.MfaSeedVault;
import io.iamledger.infra.credentials.Totp;
import io.iamledger.infra.protocol.QueryParameters;
import io.iamledger.infra.protocol.QueryService;
import io.iamledger.infra.protocol.XmlResponseWriter;
import io.iamledger.query.readmodel.MfaDeviceReadModel;
import io.iamledger.query.readmodel.Page;
import io.iamledger.query.readmodel.VirtualMfaDevice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Virtual MFA devices: CreateVirtualMFADevice (the seed is returned once, here, as Base32 text and as a QR code of
 * its {@code otpauth://} URI, and never again), EnableMFADevice and ResyncMFADevice (two consecutive codes),
 * DeactivateMFADevice, DeleteVirtualMFADevice, and the listings. The seed is sealed into the vault in the same
 * transaction as the device's event, which never carries it; codes are checked here, against the vault.
 */
final class MfaActions {
    static final String INVALID_CODE = "Authentication code for device is not valid.";

    private final CommandSender commands;
    private final Edge edge;
    private final IdGenerator ids;
    private final MfaSeedVault seeds;
    private final MfaDeviceReadModel devices;

    MfaActions(CommandSender commands, Edge edge, IdGenerator ids, MfaSeedVault seeds, MfaDeviceReadModel devices) {
        this.commands = commands;
        this.edge = edge;
        this.ids = ids;
        this.seeds = seeds;
        this.devices = devices;
    }

    void register(Actions actions) {
        actions.write(QueryService.IAM, "CreateVirtualMFADevice", this::createVirtualMfaDevice)
                .write(QueryService.IAM, "EnableMFADevice", this::enableMfaDevice)
                .write(QueryService.IAM, "ResyncMFADevice", this::resyncMfaDevice)
                .write(QueryService.IAM, "DeactivateMFADevice", this::deactivateMfaDevice)
                .write(QueryService.IAM, "DeleteVirtualMFADevice", this::deleteVirtualMfaDevice)
                .read(QueryService.IAM, "ListVirtualMFADevices", this::listVirtualMfaDevices)
                .read(QueryService.IAM, "ListMFADevices", this::listMfaDevices)
                .read(QueryService.IAM, "GetMFADevice", this::getMfaDevice);
    }

    private String createVirtualMfaDevice(ApiCall call) {
        QueryParameters p = call.parameters();
        String name = p.requiredString("VirtualMFADeviceName");
        String path = p.optionalString("Path").orElse("/");
        List<Tag> tags = Edge.tags(p);
        IamNames.check().mfaDeviceName("virtualMFADeviceName", name).path("path", path).orThrow();
        String serialNumber = Arn.mfa(call.accountId(), path, name).toString();
        String deviceId = ids.mfaDeviceId();
        String seed = Totp.base32(ids.mfaSeed());
        commands.inTransaction(call.accountId(), () -> {
            commands.dispatch(new CreateVirtualMfaDeviceCommand(call.accountId(), deviceId, serialNumber, name, path,
                    tags, call.receivedAt()));
            seeds.store(deviceId, call.accountId(), serialNumber, seed, call.receivedAt());
            return null;
        });
        // AWS: otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String
        String uri = "otpauth://totp/" + URLEncoder.encode(name + "@" + call.accountId(), StandardCharsets.UTF_8)
                .replace("+", "%20") + "?secret=" + seed;
        Base64.Encoder base64 = Base64.getEncoder();
        XmlResponseWriter out = call.result().start("VirtualMFADevice")
                .element("SerialNumber", serialNumber)
                .element("Base32StringSeed", base64.encodeToString(seed.getBytes(StandardCharsets.US_ASCII)))
                .element("QRCodePNG", base64.encodeToString(QrCodePng.of(uri)));
        if (!tags.isEmpty()) {
            Shapes.tags(out, tags);
        }
        return call.finish(out.end());
    }

    private String enableMfaDevice(ApiCall call) {
        CodedRequest request = CodedRequest.of(call, edge);
        commands.inTransaction(call.accountId(), () -> {
            String deviceId = edge.mfaDeviceId(call.accountId(), request.serialNumber());
            MfaSeedVault.Device device = seeds.lock(deviceId).orElseThrow(() -> noSuchDevice(request.serialNumber()));
            // a refusal below rolls back the codes' acceptance with everything else
            request.accept(seeds, device, false);
            commands.dispatch(new EnableMfaDeviceCommand(call.accountId(), deviceId, request.serialNumber(),
                    request.userId(), request.userName(), call.receivedAt()));
            seeds.enable(deviceId, request.userId());
            return null;
        });
        return call.noResult();
    }

    private String resyncMfaDevice(ApiCall call) {
        CodedRequest request = CodedRequest.of(call, edge);
        commands.inTransaction(call.accountId(), () -> {
            String deviceId = edge.mfaDeviceId(call.accountId(), request.serialNumber());
            MfaSeedVault.Device device = seeds.lock(deviceId)
                    .filter(locked -> locked.userId().filter(request.userId()::equals).isPresent())
                    .orElseThrow(() -> IamException.noSuchEntity("MFA Device with serial number "
                            + request.serialNumber() + " is not enabled for user " + request.userName() + "."));
            request.accept(seeds, device, true);
            return null;
        });
        return call.noResult();
    }

    /** EnableMFADevice's and ResyncMFADevice's request: a user, a device and two consecutive codes. */
    private record CodedRequest(String userName, String userId, String serialNumber, String first, String second,
                                Instant receivedAt) {
        static CodedRequest of(ApiCall call, Edge edge) {
            QueryParameters p = call.parameters();
            String userName = p.requiredString("UserName");
            String serialNumber = p.requiredString("SerialNumber");
            String first = p.requiredString("AuthenticationCode1");
            String second = p.requiredString("AuthenticationCode2");
            IamNames.check().serialNumber("serialNumber", serialNumber).tokenCode("authenticationCode1", first)
                    .tokenCode("authenticationCode2", second).orThrow();
            return new CodedRequest(userName, edge.userId(call.accountId(), userName), serialNumber, first, second,
                    call.receivedAt());
        }

        /** @throws IamException InvalidAuthenticationCode when the codes are not two consecutive ones of the device */
        void accept(MfaSeedVault seeds, MfaSeedVault.Device device, boolean resync) {
            if (!seeds.acceptConsecutive(device, first, second, receivedAt, resync)) {
                throw new IamException(ErrorCode.INVALID_AUTHENTICATION_CODE, INVALID_CODE);
            }
        }
    }

    private String deactivateMfaDevice(ApiCall call) {
        QueryParameters p = call.parameters();
        Optional<String> userName = p.optionalString("UserName");
        String serialNumber = p.requiredString("SerialNumber");
        IamNames.Check check = IamNames.check().serialNumber("serialNumber", serialNumber);
        userName.ifPresent(name -> check.existingName("userName", name));
        check.orThrow();
        commands.inTransaction(call.accountId(), () -> {
            String deviceId = edge.mfaDeviceId(call.accountId(), serialNumber);
            commands.dispatch(new DeactivateMfaDeviceCommand(call.accountId(), deviceId, serialNumber, userName,
                    call.receivedAt()));
            seeds.deactivate(deviceId);
            return null;
        });
        return call.noResult();
    }

    private String deleteVirtualMfaDevice(ApiCall call) {
        String serialNumber = call.parameters().requiredString("SerialNumber");
        commands.inTransaction(call.accountId(), () -> {
            String deviceId = edge.mfaDeviceId(call.accountId(), serialNumber);
            commands.dispatch(new DeleteVirtualMfaDeviceCommand(call.accountId(), deviceId, serialNumber,
                    call.receivedAt()));
            seeds.delete(deviceId);
            return null;
        });
        return call.noResult();
    }

    private String listVirtualMfaDevices(ApiCall call) {
        String statusText = call.parameters().optionalString("AssignmentStatus").orElse("Any");
        MfaDeviceReadModel.AssignmentStatus status;
        try {
            status = MfaDeviceReadModel.AssignmentStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            throw IamException.validation("1 validation error detected: Value '" + statusText + "' at"
                    + " 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [Assigned, Unassigned, Any]");
        }
        Page<VirtualMfaDevice> page = devices.listVirtualMfaDevices(call.accountId(), status, ReadActions.page(call));
        XmlResponseWriter out = call.result().list("VirtualMFADevices", page.items(), (m, device) -> {
            m.element("SerialNumber", device.serialNumber());
            device.assignment().ifPresent(assignment -> m.start("User")
                    .element("Path", assignment.path())
                    .element("UserName", assignment.userName())
                    .element("UserId", assignment.userId())
                    .element("Arn", assignment.arn())
                    .element("CreateDate", assignment.userCreateDate())
                    .end()
                    .element("EnableDate", assignment.enableDate()));
            if (!device.tags().isEmpty()) {
                Shapes.tags(m, device.tags());
            }
        });
        return call.finish(Shapes.paging(out, page));
    }

    private String listMfaDevices(ApiCall call) {
        Optional<String> userName = call.parameters().optionalString("UserName")
                .or(() -> call.caller().isRoot() ? Optional.empty() : Optional.of(call.caller().identity().name()));
        // the root's own devices (AWS lets the root have MFA) are not served yet: the root lists none
        Page<VirtualMfaDevice> page = userName.isEmpty() ? new Page<>(List.of(), false, Optional.empty())
                : devices.listMfaDevices(call.accountId(), userName.get(), ReadActions.page(call));
        XmlResponseWriter out = call.result().list("MFADevices", page.items(), (m, device) -> {
            VirtualMfaDevice.Assignment assignment = device.assignment().orElseThrow();
            m.element("UserName", assignment.userName())
                    .element("SerialNumber", device.serialNumber())
                    .element("EnableDate", assignment.enableDate());
        });
        return call.finish(Shapes.paging(out, page));
    }

    private String getMfaDevice(ApiCall call) {
        QueryParameters p = call.parameters();
        String serialNumber = p.requiredString("SerialNumber");
        Optional<String> userName = p.optionalString("UserName");
        VirtualMfaDevice device = devices.getMfaDevice(call.accountId(), serialNumber, userName);
        VirtualMfaDevice.Assignment assignment = device.assignment().orElseThrow();
        return call.finish(call.result()
                .element("UserName", assignment.userName())
                .element("SerialNumber", device.serialNumber())
                .element("EnableDate", assignment.enableDate()));
    }

    private static IamException noSuchDevice(String serialNumber) {
        return IamException.noSuchEntity(VirtualMfaDeviceAggregate.noSuchDevice(serialNumber));
    }
}
