using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Crm;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Investors.Grain;

/// <summary>
/// A firm of the registry as a live object, keyed by the investor's id: the single writer of its
/// record, contacts and linked officers. Its calls run one at a time, so two edits of one firm from
/// two nodes queue here and each is checked against the version the officer read: the one who read
/// an old version hears of the conflict, and nothing is silently overwritten.
/// </summary>
public interface IInvestorGrain : IGrainWithGuidKey
{
    /// <summary>Registers the firm (<see cref="InvestorSave.Register"/>) or applies its owning unit's edit; replies with its <see cref="InvestorSummary"/>.</summary>
    Task<GrainReply> Save(InvestorSave save, CommandContext context);

    /// <summary>The owning unit marks one contact it sees "only our unit" or shares it again; replies with its <see cref="ContactView"/>.</summary>
    Task<GrainReply> MarkContactPrivate(Guid contactId, bool onlyOurUnit, Guid unitId, CommandContext context);
}

/// <summary>
/// A save of the registry record by an officer of <see cref="UnitId"/>: a new firm when
/// <see cref="Register"/>, else an edit of <see cref="Version"/>. <see cref="ConfirmSameName"/>: the
/// officer confirmed a firm of the same name elsewhere is a different company.
/// </summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.InvestorSave")]
public sealed record InvestorSave(
    [property: Id(0)] bool Register, [property: Id(1)] Guid UnitId, [property: Id(2)] string Name, [property: Id(3)] string? CreditCode,
    [property: Id(4)] Ownership Ownership, [property: Id(5)] string? HomeRegion, [property: Id(6)] string? IndustryCode,
    [property: Id(7)] bool IsFortune500, [property: Id(8)] bool IsChina500, [property: Id(9)] Guid? ParentId,
    [property: Id(10)] InvestorContactSave[] Contacts, [property: Id(11)] Guid[] LinkedOfficerIds, [property: Id(12)] bool ConfirmSameName,
    [property: Id(13)] int Version, [property: Id(14)] Guid UserId)
{
    public InvestorDraft Draft() => new(Name, CreditCode, Ownership, HomeRegion, IndustryCode, IsFortune500, IsChina500, ParentId,
        [.. Contacts.Select(c => new ContactDraft(c.Id, c.Name, c.Title, c.Phone, c.Email, c.OnlyOurUnit))], LinkedOfficerIds);
}

[GenerateSerializer, Immutable, Alias("BizEnv.Invest.InvestorContactSave")]
public sealed record InvestorContactSave(
    [property: Id(0)] Guid? Id, [property: Id(1)] string Name, [property: Id(2)] string? Title, [property: Id(3)] string? Phone,
    [property: Id(4)] string? Email, [property: Id(5)] bool OnlyOurUnit);
