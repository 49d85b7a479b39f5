using BizEnv.Invest.Domain.Ledger.Witness;
using Dapper;
using Npgsql;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BizEnv.Invest.Application.Commitments.Witnesses;

/// <summary>A registered witness (times as stored, UTC): its name (the cosignature line's key name), the office that runs it and its Ed25519 public key.</summary>
public sealed record RegisteredWitness(string Name, string Office, byte[] PublicKey, string KeyId, DateTime AddedAt, DateTime? RetiredAt)
{
    /// <summary>Does <paramref name="cosignature"/> carry this witness's name and key hash, and its Ed25519 signature over the body at its time?</summary>
    public bool Made(Cosignature cosignature, string body) =>
        cosignature.Claims(Name, PublicKey) && WitnessKeys.Verify(PublicKey, Cosignature.SignedMessage(body, cosignature.UnixSeconds), cosignature.Signature);
}

/// <summary>Ed25519 (RFC 8032) checks of what witnesses send, and the registry read.</summary>
public static class WitnessKeys
{
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != Cosignature.SignatureSize)
            return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    /// <summary>A public key as the witness prints it: base64 of the 32 raw Ed25519 bytes; null when it is not one.</summary>
    public static byte[]? ParsePublicKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length == Ed25519PublicKeyParameters.KeySize ? key : null;
        }
        catch (FormatException) { return null; }
    }

    private const string Columns = "name, office, public_key AS publickey, key_id AS keyid, added_at AS addedat, retired_at AS retiredat";

    /// <summary>Every registered witness (retired ones too), by name.</summary>
    public static async Task<IReadOnlyList<RegisteredWitness>> ReadAllAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, CancellationToken ct) =>
        [.. await cn.QueryAsync<RegisteredWitness>(new CommandDefinition($"SELECT {Columns} FROM ledger_witnesses ORDER BY name", transaction: tx, cancellationToken: ct))];

    /// <summary>The active witness of that name, or null.</summary>
    public static Task<RegisteredWitness?> ActiveAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, string name, CancellationToken ct) =>
        cn.QuerySingleOrDefaultAsync<RegisteredWitness>(new CommandDefinition(
            $"SELECT {Columns} FROM ledger_witnesses WHERE name = @name AND retired_at IS NULL", new { name }, tx, cancellationToken: ct));
}
