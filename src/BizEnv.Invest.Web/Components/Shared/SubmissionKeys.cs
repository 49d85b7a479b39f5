using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using MediatR;

namespace BizEnv.Invest.Web.Components.Shared;

/// <summary>
/// The idempotency keys of one page's commands. Every command goes out with a key; until a command
/// of a kind succeeds, the next one of the same kind (the user submitting the form again) reuses
/// its key. So when a commit's reply was lost, submitting again returns the first outcome if it was
/// saved instead of saving twice; if it was saved and the form was changed meanwhile, the answer is
/// "key reused" (the earlier submission was saved) and the key is settled. Keeping the key after a
/// refusal is harmless: only successes are remembered, so nothing is stored under it.
/// </summary>
public sealed class SubmissionKeys
{
    private readonly Dictionary<Type, string> _unsettled = [];

    public async Task<T> SendAsync<T>(RequestDispatcher dispatcher, IRequest<T> request, Actor actor, CancellationToken ct = default)
    {
        if (request is not ICommand<T>)
            return await dispatcher.Send(request, actor, ct);
        var kind = request.GetType();
        var key = _unsettled.GetValueOrDefault(kind) ?? Guid.NewGuid().ToString("N");
        try
        {
            var result = await dispatcher.Send(request, actor, key, ct);
            _unsettled.Remove(kind);
            return result;
        }
        catch (IdempotencyKeyReusedException)
        {
            _unsettled.Remove(kind);
            throw;
        }
        catch (Exception)
        {
            _unsettled[kind] = key;
            throw;
        }
    }
}
