using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Investors.Grain;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Investors.SaveInvestor;

/// <summary>
/// Create (Id = null) or update an investor of the officer's own unit, with its contacts and linked
/// officers (联系企业). The credit code is checked (GB 32100-2015) and unique; a second firm with the
/// same name is refused unless the officer confirms it is a different company. A contact marked
/// "only our unit" is private to the officer's unit; a unit's internal notes are kept apart
/// (SaveUnitNote), never on the shared record.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record SaveInvestor(
    Guid? Id, string Name, string? CreditCode, Ownership Ownership, string? HomeRegion, string? IndustryCode,
    bool IsFortune500, bool IsChina500, Guid? ParentId, IReadOnlyList<ContactDto> Contacts,
    IReadOnlyList<Guid> LinkedOfficerIds, bool ConfirmSameName = false, int Version = 0) : ICommand<InvestorSummary>, IGrainCommand;

public sealed class SaveInvestorValidator : AbstractValidator<SaveInvestor>
{
    public SaveInvestorValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("investor.name_required").MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.CreditCode).Custom((code, ctx) =>
        {
            if (string.IsNullOrWhiteSpace(code))
                return;
            if (CreditCode.Check(code) is { } problem)
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure(nameof(SaveInvestor.CreditCode),
                    Localization.Text.Get(problem.Code, [.. problem.Args])) { ErrorCode = problem.Code });
        });
        RuleFor(x => x.Ownership).IsInEnum().WithText("investor.ownership_unknown");
        RuleFor(x => x.HomeRegion).MaximumLength(50).WithText("field.too_long", 50);
        RuleFor(x => x.Contacts).NotNull();
        RuleForEach(x => x.Contacts).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().WithText("contact.name_required").MaximumLength(50).WithText("field.too_long", 50);
            c.RuleFor(x => x.Title).MaximumLength(50).WithText("field.too_long", 50);
            c.RuleFor(x => x.Phone).Matches(@"^[0-9+\-() ]{5,20}$").WithText("field.phone_format").When(x => !string.IsNullOrWhiteSpace(x.Phone));
            c.RuleFor(x => x.Email).EmailAddress().WithText("field.email_format").When(x => !string.IsNullOrWhiteSpace(x.Email));
            c.RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.Phone) || !string.IsNullOrWhiteSpace(x.Email)).WithText("contact.phone_or_email");
        });
        RuleFor(x => x.LinkedOfficerIds).NotNull();
    }
}

/// <summary>
/// Checks the form, that the officer's unit owns the firm (an edit), and hands the save to the firm's
/// grain, which applies the registry rules and writes it: the grain is the firm's only writer.
/// </summary>
public sealed class SaveInvestorHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<SaveInvestor, InvestorSummary>
{
    public async Task<InvestorSummary> Handle(SaveInvestor r, CancellationToken ct)
    {
        var me = actor.Actor;
        var id = r.Id ?? Guid.NewGuid();
        audit.Target("investor", id, r.Name);
        if (r.Id is not null)
        {
            var cn = await db.ConnectionAsync(ct);
            var unit = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                "SELECT unit_id FROM investors WHERE id = @id", new { id }, cancellationToken: ct)) ?? throw new NotFoundException("investor", id);
            // The registry is readable by all units, so a stranger's edit is forbidden rather than "not found".
            if (!CrmAccess.MayWrite(me, unit))
                throw new ForbiddenException();
        }
        var save = new InvestorSave(r.Id is null, me.UnitId!.Value, r.Name, r.CreditCode, r.Ownership, r.HomeRegion, r.IndustryCode, r.IsFortune500, r.IsChina500,
            r.ParentId, [.. r.Contacts.Select(c => new InvestorContactSave(c.Id, c.Name, c.Title, c.Phone, c.Email, c.OnlyOurUnit))], [.. r.LinkedOfficerIds],
            r.ConfirmSameName, r.Version, me.UserId!.Value);
        var reply = await grains.GetGrain<IInvestorGrain>(id).Save(save, CommandContext.For(actor, audit, r));
        return reply.Result<InvestorSummary>();
    }
}
