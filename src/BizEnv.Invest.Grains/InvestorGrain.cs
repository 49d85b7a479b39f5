using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Investors.Grain;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Grains;

/// <summary>
/// A firm's single writer: registration, the owning unit's edits and its contacts' privacy, one call
/// at a time, each in one transaction with its audit row and Idempotency-Key. The aggregate is read
/// from the rows on the first call and kept; a call that does not commit drops it, so the next one
/// reads the rows again.
/// </summary>
public sealed class InvestorGrain(CommandJournal journal, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<InvestorGrain> log)
    : Grain, IInvestorGrain
{
    private Investor? _investor;
    private bool _loaded;

    private Guid Id => this.GetPrimaryKey();

    public Task<GrainReply> Save(InvestorSave save, CommandContext context) => Guarded(async () =>
    {
        InvestorChange? change = null;
        try
        {
            var outcome = await journal.RunAsync(context, async (cn, tx) =>
            {
                // A registration reads nothing first: its id is new, and should a firm have it after all, its row's key says so.
                change = save.Register
                    ? _loaded && _investor is not null ? throw new VersionConflictException("investor", Id) : Investor.Register(Id, save.UnitId, save.Draft())
                    : (await CurrentAsync(cn, tx) ?? throw new NotFoundException("investor", Id)).Edit(save.Draft(), save.Version, save.UnitId);
                var names = await InvestorBook.EnsureReferencesExistAsync(cn, tx, change.After, CancellationToken.None);
                await InvestorBook.EnsureNotDuplicateAsync(cn, tx, change.After, save.ConfirmSameName, CancellationToken.None);
                await InvestorBook.SaveAsync(cn, tx, change, save.UserId, clock.GetUtcNow(), CancellationToken.None);
                return change.Registered ? InvestorBook.Registered(change.After, names) : await InvestorBook.SummaryAsync(cn, tx, Id, CancellationToken.None);
            });
            var reply = Settle(outcome, change);
            // A firm just registered stands at no chain node yet; an edited one may (its industry, its name).
            if (outcome.Committed && change is { Registered: false })
                await TellChainsAsync();
            return reply;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "investors_pkey")
        {
            _loaded = false;
            return GrainReply.Refused(Refusal.From(new VersionConflictException("investor", Id))!);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "investors_credit_code_key"
                                          && change?.After.CreditCode is { } code)
        {
            // Another firm's grain took the code between this one's check and its write (two officers
            // registering one firm at once): the unique index is the cluster-wide guarantee, and the
            // second officer hears who holds it, as they would have a moment later.
            _loaded = false;
            await using var cn = await dataSource.OpenConnectionAsync();
            var holder = await InvestorBook.CodeHolderAsync(cn, null, code, Id, CancellationToken.None);
            return GrainReply.Refused(Refusal.From(new FieldRuleException(nameof(Investor.CreditCode), "investor.credit_code_taken",
                holder?.Name ?? code, holder?.Unit ?? ""))!);
        }
    });

    public Task<GrainReply> MarkContactPrivate(Guid contactId, bool onlyOurUnit, Guid unitId, CommandContext context) => Guarded(async () =>
    {
        InvestorChange? change = null;
        var outcome = await journal.RunAsync(context, async (cn, tx) =>
        {
            var current = await CurrentAsync(cn, tx) ?? throw new NotFoundException("investor", Id);
            change = current.MarkContact(contactId, onlyOurUnit, unitId) ?? throw new NotFoundException("contact", contactId);
            await InvestorBook.MarkContactAsync(cn, tx, change, contactId, clock.GetUtcNow(), CancellationToken.None);
            return await InvestorBook.ContactAsync(cn, tx, contactId, CancellationToken.None);
        });
        return Settle(outcome, change);
    });

    private async Task<Investor?> CurrentAsync(NpgsqlConnection cn, NpgsqlTransaction tx)
    {
        if (!_loaded)
        {
            _investor = await InvestorBook.LoadAsync(cn, tx, Id, CancellationToken.None);
            _loaded = true;
        }
        return _investor;
    }

    private GrainReply Settle(CommandJournal.Outcome outcome, InvestorChange? change)
    {
        if (outcome.Committed && change is not null)
            Committed(change);
        else
            _loaded = false;
        return outcome.Reply;
    }

    /// <summary>
    /// After the commit, the chains the firm stands in recompute their standing. The edit is done whatever
    /// they answer: a chain that missed the news catches up at its daily refresh.
    /// </summary>
    private async Task TellChainsAsync()
    {
        try
        {
            await Application.Chains.Grain.ChainNews.InvestorChanged(GrainFactory, Id);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Investor {Investor}: the chains were not told of its edit; they catch up at their daily refresh", Id);
        }
    }

    /// <summary>The one place a change of the firm has been committed (registered, edited, a contact's privacy marked).</summary>
    private void Committed(InvestorChange change)
    {
        _investor = change.After;
        _loaded = true;
    }

    /// <summary>Any answer but a commit drops the aggregate: the next call reads the rows again.</summary>
    private Task<GrainReply> Guarded(Func<Task<GrainReply>> command) => GrainFaults.Answer(command, log, Id, () => _loaded = false);
}
