package io.iamledger.infra;

public final class IamLedger {
    private IamLedger() {}

    public static void main(String[] args) {
        System.out.println("iam-ledger");
    }
}
