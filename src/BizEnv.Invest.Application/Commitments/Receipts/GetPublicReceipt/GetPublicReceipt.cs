using System.Security.Cryptography;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Ledger.Merkle;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Receipts.GetPublicReceipt;

/// <summary>
/// A receipt fetched by the public verify page from its printed QR code: leaf <paramref name="LeafIndex"/> and its
/// leaf hash. No sign-in: the leaf hash (SHA-256 over the whole entry, printed only on the receipt) is what entitles
/// the holder to the entry, so a guessed index alone reads nothing, and a wrong hash is answered as not found.
/// </summary>
[Anonymous]
public sealed record GetPublicReceipt(long LeafIndex, string LeafHash) : IQuery<Receipt>;

public sealed class GetPublicReceiptHandler(IDbSession db, ICheckpointSigner signer) : IRequestHandler<GetPublicReceipt, Receipt>
{
    public async Task<Receipt> Handle(GetPublicReceipt r, CancellationToken ct)
    {
        var asked = ParseHash(r.LeafHash);
        var cn = await db.ConnectionAsync(ct);
        var row = asked is null || r.LeafIndex < 0 ? null : await ReceiptBuilder.ReadEntryAsync(cn, db.Transaction, r.LeafIndex + 1, ct);
        if (row is null || !CryptographicOperations.FixedTimeEquals(MerkleHash.LeafHash(row.Canonical()), asked))
            throw new NotFoundException("receipt", r.LeafIndex);
        return await ReceiptBuilder.BuildAsync(cn, db.Transaction, signer, row, ct);
    }

    internal static byte[]? ParseHash(string? hex)
    {
        if (hex is not { Length: MerkleHash.Size * 2 })
            return null;
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }
}
