using BizEnv.Invest.Application.Abstractions;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Witnesses.GetWitnessKeys;

/// <summary>
/// The witnesses' public keys, for anyone (no sign-in): what a receipt's cosignature lines are checked with. Retired
/// witnesses are listed too (their older cosignatures stay valid), marked so a reader does not count them as current.
/// </summary>
[Anonymous]
public sealed record GetWitnessKeys : IQuery<IReadOnlyList<WitnessKey>>;

/// <param name="PublicKey">Base64 of the 32 raw Ed25519 bytes, as the witness prints it.</param>
public sealed record WitnessKey(string Name, string Office, string KeyId, string PublicKey, bool Active);

public sealed class GetWitnessKeysHandler(IDbSession db) : IRequestHandler<GetWitnessKeys, IReadOnlyList<WitnessKey>>
{
    public async Task<IReadOnlyList<WitnessKey>> Handle(GetWitnessKeys r, CancellationToken ct) =>
        [.. (await WitnessKeys.ReadAllAsync(await db.ConnectionAsync(ct), null, ct))
            .Select(w => new WitnessKey(w.Name, w.Office, w.KeyId, Convert.ToBase64String(w.PublicKey), w.RetiredAt is null))];
}
