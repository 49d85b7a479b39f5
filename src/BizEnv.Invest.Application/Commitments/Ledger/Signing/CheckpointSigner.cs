using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace BizEnv.Invest.Application.Commitments.Ledger.Signing;

/// <summary>Signs and verifies checkpoint notes with the server's key; its public half is published (GET /api/v1/ledger/keys).</summary>
public interface ICheckpointSigner
{
    /// <summary>The note's key name: the log's origin (Ledger:Origin).</summary>
    string Name { get; }

    /// <summary>"SM2-SM3" or "Ed25519".</summary>
    string Algorithm { get; }

    /// <summary>The signed-note key hash (4 bytes), which prefixes every signature so a reader picks the right key.</summary>
    byte[] KeyHash { get; }

    string KeyId => Convert.ToHexStringLower(KeyHash);

    /// <summary>The public key as SubjectPublicKeyInfo PEM (what OpenSSL and browsers read).</summary>
    string PublicKeyPem { get; }

    byte[] Sign(byte[] message);

    bool Verify(byte[] message, byte[] signature);

    /// <summary>The user id SM2 hashes into Z (GB/T 32918.2 §5.5); null for Ed25519.</summary>
    string? UserId { get; }
}

/// <summary>
/// One signer for both algorithms: BouncyCastle's <see cref="SM2Signer"/> (SM3 digest, GB/T 32918.2 / GM/T 0003, the
/// default) or <see cref="Ed25519Signer"/> (RFC 8032) — both are <see cref="ISigner"/>, only their parameters differ.
/// </summary>
public sealed class CheckpointSigner : ICheckpointSigner
{
    /// <summary>GM/T 0009-2012 §10's default distinguishing id, which OpenSSL 3 does NOT assume (it needs -pkeyopt distid:…).</summary>
    public const string DefaultSm2UserId = "1234567812345678";

    public const string Sm2 = "SM2-SM3", Ed25519 = "Ed25519";

    private readonly AsymmetricKeyParameter _private, _public;
    private readonly byte[]? _userId;

    // Initialised once and reused under a lock: initialising an SM2 signer derives the public point from the private
    // key (a scalar multiplication) and hashes Z — as much work again as the signature itself.
    private readonly ISigner _signing, _verifying;

    public CheckpointSigner(string name, AsymmetricKeyParameter privateKey, string? userId = null)
    {
        Name = name;
        _private = privateKey;
        (Algorithm, _public, UserId) = privateKey switch
        {
            Ed25519PrivateKeyParameters ed => (Ed25519, (AsymmetricKeyParameter)ed.GeneratePublicKey(), (string?)null),
            ECPrivateKeyParameters { Parameters: ECNamedDomainParameters { Name.Id: var curve } } ec when curve == GMObjectIdentifiers.sm2p256v1.Id => (Sm2, new ECPublicKeyParameters(ec.Parameters.G.Multiply(ec.D).Normalize(), ec.Parameters), userId ?? DefaultSm2UserId),
            _ => throw new InvalidOperationException($"Ledger:SigningKey is a {privateKey.GetType().Name}; an SM2 or Ed25519 PKCS#8 key is expected."),
        };
        _userId = UserId is null ? null : Encoding.ASCII.GetBytes(UserId);
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_public);
        PublicKeyPem = Pem("PUBLIC KEY", spki.GetDerEncoded());
        // C2SP signed-note: SHA-256(name ‖ '\n' ‖ type ‖ key)[..4]. Ed25519 is type 0x01; SM2 has no registered type,
        // so it takes 0xff (the spec's escape for other algorithms) followed by the whole SubjectPublicKeyInfo.
        byte[] typed = Algorithm == Ed25519 ? [0x01, .. ((Ed25519PublicKeyParameters)_public).GetEncoded()] : [0xff, .. spki.GetDerEncoded()];
        KeyHash = SHA256.HashData([.. Encoding.UTF8.GetBytes(name + "\n"), .. typed])[..4];
        (_signing, _verifying) = (NewSigner(true), NewSigner(false));
    }

    public string Name { get; }
    public string Algorithm { get; }
    public string? UserId { get; }
    public byte[] KeyHash { get; }
    public string PublicKeyPem { get; }

    public byte[] Sign(byte[] message)
    {
        lock (_signing)
        {
            // Reset first: it leaves the signer as initialised (SM2: the digest primed with Z), whatever a failed call left.
            _signing.Reset();
            _signing.BlockUpdate(message, 0, message.Length);
            return _signing.GenerateSignature();
        }
    }

    public bool Verify(byte[] message, byte[] signature)
    {
        lock (_verifying)
        {
            _verifying.Reset();
            _verifying.BlockUpdate(message, 0, message.Length);
            try { return _verifying.VerifySignature(signature); }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception or IOException) { return false; }
        }
    }


    private ISigner NewSigner(bool forSigning)
    {
        var key = forSigning ? _private : _public;
        ISigner signer = _userId is null ? new Ed25519Signer() : new SM2Signer(); // SM2Signer digests with SM3 by default
        signer.Init(forSigning, _userId is null ? key : new ParametersWithID(key, _userId));
        return signer;
    }

    /// <summary>
    /// The signer configuration asks for: Ledger:SigningKey (PKCS#8, PEM or base64 DER — run.sh makes one with OpenSSL),
    /// Ledger:SigningAlgorithm (SM2, the default, or Ed25519), Ledger:Origin, Ledger:Sm2UserId. Without a key a random
    /// per-process one is made and <paramref name="warn"/> told: its checkpoints cannot be verified after a restart.
    /// </summary>
    public static CheckpointSigner FromConfiguration(IConfiguration configuration, Action<string>? warn = null)
    {
        var name = configuration["Ledger:Origin"] is { Length: > 0 } o ? o : "haichuan.invest/ledger";
        var ed25519 = string.Equals(configuration["Ledger:SigningAlgorithm"], "Ed25519", StringComparison.OrdinalIgnoreCase);
        var userId = configuration["Ledger:Sm2UserId"] is { Length: > 0 } u ? u : null;
        if (configuration["Ledger:SigningKey"] is { Length: > 0 } text)
        {
            var key = ReadPrivateKey(text);
            if (key is Ed25519PrivateKeyParameters != ed25519)
                throw new InvalidOperationException($"Ledger:SigningKey is not an {(ed25519 ? "Ed25519" : "SM2")} key (Ledger:SigningAlgorithm).");
            return new CheckpointSigner(name, key, userId);
        }
        warn?.Invoke("No Ledger:SigningKey configured: checkpoints are signed with a random per-process key and cannot be verified after a restart.");
        return new CheckpointSigner(name, ed25519 ? new Ed25519PrivateKeyParameters(new SecureRandom()) : NewSm2Key(), userId);
    }

    /// <summary>A PKCS#8 private key from PEM ("-----BEGIN PRIVATE KEY-----") or base64 DER.</summary>
    public static AsymmetricKeyParameter ReadPrivateKey(string text) => text.Contains("-----BEGIN", StringComparison.Ordinal)
        ? PrivateKeyFactory.CreateKey(new PemReader(new StringReader(text)).ReadPemObject().Content)
        : PrivateKeyFactory.CreateKey(Convert.FromBase64String(text.Trim()));

    private static ECPrivateKeyParameters NewSm2Key()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(
            new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1)), new SecureRandom()));
        return (ECPrivateKeyParameters)generator.GenerateKeyPair().Private;
    }

    private static string Pem(string label, byte[] der) => $"-----BEGIN {label}-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n")}\n-----END {label}-----\n";
}

/// <summary>A published checkpoint key (GET /api/v1/ledger/keys): what a reader needs to check a note.</summary>
public sealed record LedgerKey(string Name, string KeyId, string Algorithm, string PublicKeyPem, string? Sm2UserId);
