using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Handover;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Handover;
using BizEnv.Invest.Application.Handover.Kinds;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Grains;

/// <summary>
/// A project's single writer: one command at a time, each one transaction (state + audit +
/// Idempotency-Key). The aggregate is read afresh inside each command's transaction rather than kept
/// from activation: a zone reservation and a chain target link still stamp the project row (and its
/// version) from outside, and a kept copy would then refuse every edit of an up-to-date form.
/// </summary>
public sealed class ProjectGrain(CommandJournal journal, LedgerWriter ledger, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ProjectGrain> log)
    : Grain, IProjectGrain
{
    private Guid Id => this.GetPrimaryKey();

    public Task<GrainReply> Create(NewProject p, CommandContext context) => Guarded(async () =>
    {
        var outcome = await journal.RunAsync(context, async (cn, tx) =>
        {
            if (await ProjectBook.LoadAsync(cn, tx, Id, CancellationToken.None) is not null)
                throw new ConcurrencyConflictException("project", Id);
            var now = clock.GetUtcNow();
            // (Whether its unit requires stage review is read with each stage change, not kept from here.)
            var project = Project.New(Id, await ProjectBook.NextNumberAsync(cn, tx, p.UnitCode, now, CancellationToken.None), p.UnitId, p.KeyLevel, p.StageDate, false);
            await ProjectBook.InsertAsync(cn, tx, project, p, now, CancellationToken.None);
            return await ProjectBook.SummaryAsync(cn, tx, Id, CancellationToken.None);
        });
        if (outcome.Committed)
            await OnCommittedAsync(p);
        return outcome.Reply;
    });

    public Task<GrainReply> Edit(ProjectEdit e, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        if (e.ResponsibleLeaderId is { } leader && !await ProjectBook.IsActiveLeaderAsync(cn, tx, leader, CancellationToken.None))
            throw new FieldRuleException(nameof(e.ResponsibleLeaderId), "project.leader_unknown");
        var d = project.Edit(e.KeyLevel, e.Version);
        await ProjectBook.EditAsync(cn, tx, Id, d.Change, e, clock.GetUtcNow(), CancellationToken.None);
        return (d.Change, await ProjectBook.SummaryAsync(cn, tx, Id, CancellationToken.None));
    });

    public Task<GrainReply> ChangeStage(StageMove m, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        var d = project.ChangeStage(Guid.NewGuid(), m.To, m.StageDate, m.TerminationReason, m.Version);
        await ProjectBook.ChangeStageAsync(cn, tx, Id, d.Change, m.Note, m.UserId, clock.GetUtcNow(), CancellationToken.None);
        return (d.Change, new StageChangeResult(await ProjectBook.SummaryAsync(cn, tx, Id, CancellationToken.None), d.Change.ChangeId));
    });

    public Task<GrainReply> ReviewStage(StageReview r, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        if (!project.StageChanges.Contains(r.StageChangeId))
            throw new NotFoundException("stage-change", r.StageChangeId);
        var d = project.Review(r.StageChangeId, r.Approve);
        await ProjectBook.ReviewAsync(cn, tx, Id, d.Change, r.Opinion, r.UserId, clock.GetUtcNow(), CancellationToken.None);
        return (d.Change, await ProjectBook.SummaryAsync(cn, tx, Id, CancellationToken.None));
    });

    public Task<GrainReply> RecordInvestment(InvestmentEntry e, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        var d = project.RecordInvestment(Guid.NewGuid(), e.OnDate, e.Amount, clock.Today());
        await ProjectBook.RecordInvestmentAsync(cn, tx, Id, d.Change, e.Note, e.UserId, clock.GetUtcNow(), CancellationToken.None);
        return (d.Change, await ProjectBook.SummaryAsync(cn, tx, Id, CancellationToken.None));
    });

    public Task<GrainReply> AddIssue(NewIssue issue, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        if (!await ProjectBook.IsActiveUserAsync(cn, tx, issue.OwnerId, CancellationToken.None))
            throw new FieldRuleException(nameof(issue.OwnerId), "issue.owner_unknown");
        var d = project.AddIssue(issue.IssueId);
        await ProjectBook.AddIssueAsync(cn, tx, Id, d.Change, issue, clock.GetUtcNow(), CancellationToken.None);
        return (d.Change, issue.IssueId);
    });

    public Task<GrainReply> ResolveIssue(IssueResolution r, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        var d = project.ResolveIssue(r.IssueId) ?? throw new NotFoundException("issue", r.IssueId);
        await ProjectBook.ResolveIssueAsync(cn, tx, Id, d.Change, r.Resolution, clock.GetUtcNow(), CancellationToken.None);
        return (d.Change, Done.Value);
    });

    public Task<GrainReply> AttachFile(ProjectFile f, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        var d = project.AttachFile(f.FileId, f.StageChangeId);
        return (d.Change, await ProjectBook.AttachFileAsync(cn, tx, Id, d.Change, f, clock.GetUtcNow(), CancellationToken.None));
    });

    public Task<GrainReply> AssignConcierge(ConciergePairing p, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        var d = project.AssignConcierge(p.AUserId, p.BUserId, p.HandoverReason);
        if (d is not null)
        {
            if (!await ProjectBook.AreActiveOfficersAsync(cn, tx, [.. new[] { p.AUserId, p.BUserId }.OfType<Guid>()], CancellationToken.None))
                throw new FieldRuleException("AUserId", "concierge.not_an_officer");
            await ProjectBook.AssignConciergeAsync(cn, tx, Id, d.Change, p.UserId, clock.GetUtcNow(), CancellationToken.None);
        }
        return ((object?)d?.Change, await ProjectBook.SummaryAsync(cn, tx, Id, CancellationToken.None));
    });

    public Task<GrainReply> HandOverConcierge(ConciergeHandover h, CommandContext context) => Command(context, async (cn, tx, project) =>
    {
        var o = h.Order;
        var reason = Application.Localization.CodedText.Render(o.Reason)!;
        var d = project.HandOverConcierge(o.From, o.Successor, reason);
        if (d is null)
            // Not theirs (any more): moved before by this handover when the successor serves it now, else gone meanwhile.
            return ((object?)null, project.Concierge?.Serves(o.Successor) == true ? ItemMove.Assigned : ItemMove.Closed);
        if (!await ProjectBook.AreActiveOfficersAsync(cn, tx, [o.Successor], CancellationToken.None))
            throw new FieldRuleException(HandoverRules.SuccessorField, "concierge.not_an_officer");
        var now = clock.GetUtcNow();
        await ProjectBook.AssignConciergeAsync(cn, tx, Id, d.Change, context.UserId ?? o.Successor, now, CancellationToken.None);
        await ledger.AppendAsync(cn, tx, Id, HandoverEvents.Assigned, context.UserName, now, o.Reason,
            new HandoverAssigned(o.HandoverId, ConciergeHandoverKind.Name, Id, o.From, o.Successor), CancellationToken.None);
        return (d.Change, ItemMove.Assigned);
    });

    /// <summary>
    /// One command on the project as it stands in this transaction: the work decides (the aggregate's
    /// rules), stores the change and answers; after the commit the change is announced.
    /// </summary>
    private Task<GrainReply> Command<T>(CommandContext context, Func<NpgsqlConnection, NpgsqlTransaction, Project, Task<(object? Change, T Reply)>> work) =>
        Guarded(async () =>
        {
            object? change = null;
            var outcome = await journal.RunAsync(context, async (cn, tx) =>
            {
                var project = await ProjectBook.LoadAsync(cn, tx, Id, CancellationToken.None) ?? throw new NotFoundException("project", Id);
                var (decided, reply) = await work(cn, tx, project);
                change = decided;
                return reply;
            });
            if (outcome.Committed && change is not null)
                await OnCommittedAsync(change);
            return outcome.Reply;
        });

    /// <summary>
    /// Every change of this project passes here once its transaction has committed (never for a
    /// refusal, a replay or a failure): the <see cref="NewProject"/> created, a <see cref="StageChanged"/>,
    /// <see cref="StageReviewed"/>, <see cref="InvestmentRecorded"/>, <see cref="ConciergeAssigned"/> and so
    /// on, the rows already readable. Whoever must hear about a project's change (another grain) is told
    /// from here: the chains, of what decides a node's standing — its stage (signed or not), the money
    /// and jobs it brings; the agreements, of stage dates and 到资. The command is done whatever they answer: a listener that missed the news catches
    /// up at its daily refresh.
    /// </summary>
    private async Task OnCommittedAsync(object change)
    {
        log.LogDebug("Project {Project}: {Change} committed", Id, change);
        if (change is not (StageChanged or StageReviewed or InvestmentRecorded or ProjectEdited))
            return;
        try
        {
            await Application.Chains.Grain.ChainNews.ProjectChanged(GrainFactory, Id);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Project {Project}: the chains were not told of its change; they catch up at their daily refresh", Id);
        }
        // The investor's obligations measured from the project (开工, 投产 dates; 到资) follow at once.
        if (change is not (StageChanged or StageReviewed or InvestmentRecorded))
            return;
        try
        {
            await Application.Agreements.Grain.AgreementNews.ProjectChanged(GrainFactory, dataSource, Id);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Project {Project}: its agreements were not told of its change; they read it at their daily tick", Id);
        }
    }

    private Task<GrainReply> Guarded(Func<Task<GrainReply>> command) => GrainFaults.Answer(command, log, Id);
}
