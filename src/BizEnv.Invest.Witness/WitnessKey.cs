using BizEnv.Invest.Domain.Ledger.Witness;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace BizEnv.Invest.Witness;

/// <summary>The witness's own Ed25519 key: made on first run (PKCS#8 PEM, readable by its owner only), then read.</summary>
public sealed class WitnessKey(string name, Ed25519PrivateKeyParameters key)
{
    public string Name { get; } = name;
    public byte[] PublicKey { get; } = key.GeneratePublicKey().GetEncoded();
    public string PublicKeyBase64 => Convert.ToBase64String(PublicKey);
    public string KeyId => Convert.ToHexStringLower(Cosignature.KeyHashOf(Name, PublicKey));

    public static WitnessKey LoadOrCreate(string name, string path, Action<string> say)
    {
        if (File.Exists(path))
        {
            var pem = new PemReader(new StringReader(File.ReadAllText(path))).ReadPemObject()
                ?? throw new InvalidDataException($"{path} holds no PEM key.");
            return PrivateKeyFactory.CreateKey(pem.Content) is Ed25519PrivateKeyParameters ed
                ? new WitnessKey(name, ed) : throw new InvalidDataException($"{path} is not an Ed25519 key.");
        }
        var created = new Ed25519PrivateKeyParameters(new SecureRandom());
        var der = PrivateKeyInfoFactory.CreatePrivateKeyInfo(created).GetDerEncoded();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, $"-----BEGIN PRIVATE KEY-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n")}\n-----END PRIVATE KEY-----\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var made = new WitnessKey(name, created);
        say($"Made a new witness key in {path}. Public key (register it in the app): {made.PublicKeyBase64}");
        return made;
    }

    private readonly Ed25519PrivateKeyParameters _key = key;

    public byte[] Sign(byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    /// <summary>The cosignature line for a checkpoint body, at <paramref name="unixSeconds"/>.</summary>
    public Cosignature Cosign(string body, long unixSeconds) =>
        new(Name, Cosignature.KeyHashOf(Name, PublicKey), unixSeconds, Sign(Cosignature.SignedMessage(body, unixSeconds)));
}
