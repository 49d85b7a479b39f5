using BizEnv.Invest.Application.Abstractions;
using FluentValidation;
using FluentValidation.Results;
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
        List<ValidationFailure> failures = request is IAcceptsAnyInput ? [] : InputSanity.Check(request!);
        var insane = failures.Count > 0;
        foreach (var validator in validators)
        {
            try
            {
                var result = await validator.ValidateAsync(request, cancellationToken);
                failures.AddRange(result.Errors);
            }
            // A validator may assume sane values (no null inside a list); the sanity errors already say what is wrong.
            catch (Exception) when (insane)
            {
            }
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);
        return await next();
    }
}
