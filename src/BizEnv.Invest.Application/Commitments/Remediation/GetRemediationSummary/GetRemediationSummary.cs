using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using Orleans;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.GetRemediationSummary;

/// <summary>Progress of the pre-2018 list per responsible unit (items not yet assigned count under the promising unit).</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader, Role.Admin)]
public sealed record GetRemediationSummary : IQuery<IReadOnlyList<RemediationUnitProgress>>;

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.RemediationUnitProgress")]
public sealed record RemediationUnitProgress(
    [property: Id(0)] Guid UnitId, [property: Id(1)] string UnitName, [property: Id(2)] int Items, [property: Id(3)] int Planned, [property: Id(4)] int SignedOff,
    [property: Id(5)] int Overdue, [property: Id(6)] decimal AverageProgress)
{
    public decimal SignedOffShare => RemediationRules.SignedOffShare(SignedOff, Items);
}

/// <summary>Asked of the list's grain, which keeps the figures of the list it writes.</summary>
public sealed class GetRemediationSummaryHandler(IGrainFactory grains) : IRequestHandler<GetRemediationSummary, IReadOnlyList<RemediationUnitProgress>>
{
    public async Task<IReadOnlyList<RemediationUnitProgress>> Handle(GetRemediationSummary r, CancellationToken ct) =>
        await grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).UnitProgress(Localization.Text.IsEnglishNow);
}
