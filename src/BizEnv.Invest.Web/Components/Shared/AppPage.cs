using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Web.Auth;
using BizEnv.Invest.Web.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BizEnv.Invest.Web.Components.Shared;

/// <summary>
/// Base of the interactive pages: sends requests as the signed-in user through the same pipeline
/// as the API, and turns refusals into messages the page shows (field errors beside their fields,
/// everything else in the alert at the top).
/// </summary>
public abstract class AppPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [CascadingParameter(Name = "ClientIp")] private string? ClientIp { get; set; }
    [Inject] private RequestDispatcher Dispatcher { get; set; } = default!;
    [Inject] private ILogger<AppPage> Logger { get; set; } = default!;

    protected Dictionary<string, List<string>> FieldErrors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The codes of the last refusal's field errors (e.g. "investor.name_duplicate"), for forms that offer a way out.</summary>
    protected HashSet<string> ErrorCodes { get; } = new(StringComparer.Ordinal);
    protected string? ErrorMessage { get; set; }
    protected string? SuccessMessage { get; set; }
    protected bool Busy { get; private set; }

    protected async Task<Actor> ActorAsync() => (await AuthState).User.ToActor(ClientIp);

    protected async Task<string> DisplayNameAsync()
    {
        var user = (await AuthState).User;
        return user.FindFirst(InvestClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
    }

    protected async Task<bool> IsInRole(Role role) => (await AuthState).User.IsInRole(role.ToString());

    /// <summary>
    /// Sends as the signed-in user; every command carries an idempotency key, and submitting a form
    /// again after an unknown outcome reuses it (see <see cref="SubmissionKeys"/>).
    /// </summary>
    protected async Task<T> Send<T>(IRequest<T> request) => await _keys.SendAsync(Dispatcher, request, await ActorAsync());

    private readonly SubmissionKeys _keys = new();

    /// <summary>Runs a user action; on refusal keeps the form as it was and says why.</summary>
    protected async Task<bool> Run(Func<Task> action, string? successKey = null)
    {
        FieldErrors.Clear();
        ErrorCodes.Clear();
        ErrorMessage = null;
        SuccessMessage = null;
        Busy = true;
        try
        {
            await action();
            if (successKey is not null)
                SuccessMessage = Text.Get(successKey);
            return true;
        }
        catch (ValidationException ex)
        {
            foreach (var e in ex.Errors)
            {
                if (!FieldErrors.TryGetValue(e.PropertyName, out var list))
                    FieldErrors[e.PropertyName] = list = [];
                list.Add(e.ErrorMessage);
                if (!string.IsNullOrEmpty(e.ErrorCode))
                    ErrorCodes.Add(e.ErrorCode);
            }
            ErrorMessage = Text.Get("error.validation");
        }
        catch (DomainException ex)
        {
            ErrorMessage = Text.Get(ex.Code, [.. ex.Args]);
        }
        catch (ConcurrencyConflictException)
        {
            ErrorMessage = Text.Get("error.conflict");
        }
        catch (NotFoundException)
        {
            ErrorMessage = Text.Get("error.not_found");
        }
        catch (ForbiddenException ex)
        {
            ErrorMessage = Text.Get(ex.Code);
        }
        catch (Exception ex) when (DatabaseFaults.Classify(ex) is { } fault)
        {
            // Database down (nothing saved) or a lost commit reply (outcome unknown): say which, keep the form.
            ErrorMessage = Text.Get(fault.PageCode);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not NavigationException)
        {
            // Anything unforeseen: the page stays usable and says so; details go to the log, not the user.
            Logger.LogError(ex, "Unexpected error in {Page}", GetType().Name);
            ErrorMessage = Text.Get("error.unexpected");
        }
        finally
        {
            Busy = false;
        }
        return false;
    }

    protected IReadOnlyList<string> ErrorsFor(string field) =>
        FieldErrors.TryGetValue(field, out var list) ? list : [];
}
