using BizEnv.Invest.Application.Abstractions;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Behaviours;

/// <summary>
/// Runs the input-sanity checks every request shares, then every validator of the request, and
/// refuses it with all field errors at once.
/// </summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = request is IAcceptsAnyInput ? new List<FluentValidation.Results.ValidationFailure>() : InputSanity.Check(request!);
        // Validators may assume sane values (no null inside a list): refuse insane input before them.
        if (failures.Count > 0)
            throw new ValidationException(failures);
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);
        return await next();
    }
}
