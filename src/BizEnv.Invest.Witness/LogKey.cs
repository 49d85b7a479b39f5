using System.Security.Cryptography;
using System.Text;
using BizEnv.Invest.Domain.Ledger.Witness;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace BizEnv.Invest.Witness;

/// <summary>
/// The log's pinned public key: checks the log's signature line on a checkpoint note (SM2 with SM3, or Ed25519). The
/// key hash is the signed-note one the app uses: SHA-256(name ‖ "\n" ‖ 0x01 ‖ Ed25519 key) or, for SM2, 0xff ‖ the
/// SubjectPublicKeyInfo. Written here on its own, so the witness checks the app with code that is not the app's.
/// </summary>
public sealed class LogKey
{
    private readonly AsymmetricKeyParameter _key;
    private readonly byte[]? _sm2UserId;

    public LogKey(string origin, string publicKeyPem, string? sm2UserId)
    {
        Origin = origin;
        var pem = new PemReader(new StringReader(publicKeyPem)).ReadPemObject() ?? throw new InvalidDataException("The log key file holds no PEM key.");
        _key = PublicKeyFactory.CreateKey(pem.Content);
        byte[] typed = _key switch
        {
            Ed25519PublicKeyParameters ed => [0x01, .. ed.GetEncoded()],
            ECPublicKeyParameters => [0xff, .. pem.Content],
            _ => throw new InvalidDataException($"The log key is a {_key.GetType().Name}; an SM2 or Ed25519 public key is expected."),
        };
        _sm2UserId = _key is ECPublicKeyParameters ? Encoding.ASCII.GetBytes(sm2UserId ?? "1234567812345678") : null;
        KeyHash = SHA256.HashData([.. Encoding.UTF8.GetBytes(origin + "\n"), .. typed])[..4];
    }

    public string Origin { get; }
    public byte[] KeyHash { get; }

    /// <summary>Null when the note is the log's (its origin, its first signature line by the pinned key); else why not.</summary>
    public string? Problem(CheckpointText note)
    {
        if (note.Origin != Origin)
            return $"its origin is \"{note.Origin}\", not the pinned \"{Origin}\"";
        var line = note.Signatures[0];
        if (line.Name != Origin || !line.KeyHash.AsSpan().SequenceEqual(KeyHash))
            return $"its signature is not by the pinned key {Convert.ToHexStringLower(KeyHash)}";
        ISigner signer = _sm2UserId is null ? new Ed25519Signer() : new SM2Signer();
        signer.Init(false, _sm2UserId is null ? _key : new ParametersWithID(_key, _sm2UserId));
        var body = Encoding.UTF8.GetBytes(note.Body);
        signer.BlockUpdate(body, 0, body.Length);
        bool ok;
        try { ok = signer.VerifySignature(line.Payload); }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception or IOException) { ok = false; }
        return ok ? null : $"its signature does not verify with the pinned key {Convert.ToHexStringLower(KeyHash)}";
    }
}
