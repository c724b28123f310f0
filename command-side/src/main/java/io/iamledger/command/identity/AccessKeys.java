package io.iamledger.command.identity;

import io.iamledger.events.error.IamException;
import io.iamledger.events.identity.AccessKeyStatus;
import java.util.Map;

/** Access key rules for users and the root. An identity holds its keys' statuses by access key id. Stateless. */
public final class AccessKeys {
    /** Most access keys per user or root. */
    public static final int MAX_KEYS = 2;

    private static final String QUOTA = "Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS;

    private AccessKeys() {
    }

    /** @throws IamException LimitExceeded {@code Cannot exceed quota for AccessKeysPerUser: 2} */
    public static void checkRoomForOneMore(Map<String, AccessKeyStatus> keys) {
        if (keys.size() >= MAX_KEYS) {
            throw IamException.limitExceeded(QUOTA);
        }
    }

    /** @throws IamException NoSuchEntity {@code The Access Key with id <id> cannot be found.} */
    public static void checkHeld(Map<String, AccessKeyStatus> keys, String accessKeyId) {
        if (!keys.containsKey(accessKeyId)) {
            throw IamException.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found.");
        }
    }

    /**
     * Checks a rotation (our extension): the replaced key must exist and be the only key, since the new key is
     * created before the replaced one is deactivated.
     *
     * @throws IamException NoSuchEntity for an unknown replaced key; LimitExceeded when there are already two keys
     */
    public static void checkRotation(Map<String, AccessKeyStatus> keys, String replacedAccessKeyId) {
        checkHeld(keys, replacedAccessKeyId);
        if (keys.size() >= MAX_KEYS) {
            throw IamException.limitExceeded(QUOTA + ". Delete the inactive access key first, then rotate "
                    + replacedAccessKeyId + ".");
        }
    }

    /** @throws IamException DeleteConflict while access keys remain */
    public static void checkNoneLeft(Map<String, AccessKeyStatus> keys) {
        if (!keys.isEmpty()) {
            throw IamException.deleteConflict("Cannot delete entity, must delete access keys first.");
        }
    }
}
