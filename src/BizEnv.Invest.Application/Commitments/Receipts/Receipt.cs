using System.Text.Json.Serialization;

namespace BizEnv.Invest.Application.Commitments.Receipts;

/// <summary>
/// What an investor holds for one promise ledger entry (format <see cref="FormatV1"/>, documented in README "Receipts"):
/// the entry exactly as hashed, its leaf index, the signed checkpoint note that covers it (with any witness
/// cosignature lines), and the RFC 9162 inclusion proof from the leaf to that checkpoint's root. Anyone holding it
/// and the log's published key can check it without this server. The names are fixed here, not by the web's
/// serializer settings, so the format stays what the README says.
/// </summary>
public sealed record Receipt(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("commitmentId")] Guid CommitmentId,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("leafIndex")] long LeafIndex,
    [property: JsonPropertyName("entry")] string Entry,
    [property: JsonPropertyName("leafHash")] string LeafHash,
    [property: JsonPropertyName("treeSize")] long TreeSize,
    [property: JsonPropertyName("rootHash")] string RootHash,
    [property: JsonPropertyName("inclusionProof")] IReadOnlyList<string> InclusionProof,
    [property: JsonPropertyName("checkpoint")] string Checkpoint,
    [property: JsonPropertyName("cosignatures")] IReadOnlyList<string> Cosignatures,
    [property: JsonPropertyName("terms")] IReadOnlyList<ReceiptTerm> Terms)
{
    public const string FormatV1 = "bizenv-invest-receipt/1";
}

/// <summary>One readable term, Chinese then English, taken from the entry (not hashed: the verifier reads the entry itself).</summary>
public sealed record ReceiptTerm(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("nameEn")] string NameEn,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("valueEn")] string ValueEn);
