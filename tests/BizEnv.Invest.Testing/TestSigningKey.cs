namespace BizEnv.Invest.Testing;

/// <summary>
/// The SM2 checkpoint key test processes share (PKCS#8 DER, base64; Ledger:SigningKey), so every node of a test
/// cluster signs with one key and verifies the others' checkpoints. Public test data, made with
/// `openssl genpkey -algorithm SM2`; also the key of the SM2 known-answer vector.
/// </summary>
public static class TestSigningKey
{
    public const string Sm2 = "MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgeOWSGbp1T8bXtd4ChXdOFOyhjRCcTH7tVGKS5C+dDz6hRANCAASJQ8Yjcv99J+Kl7Z8VbPSzls4/W1OX41N1xASubzkFWsiXHpygvAUCsm5JlendG2aDzyQNLzYetH6aWtT7aBZf";
}
