// The warm-up article (engine.js warmUpLong): made up — no real people, places or events — and
// written to exercise most of the engine in one analysis: every quote style, reported speech
// ("X said", "according to", "told reporters"), pronouns and roles, numbers, money and dates.
export const WARMUP_TEXT = `City council delays vote on harbour bridge after cost estimate doubles

PORT ELLIS — The city council on Tuesday postponed a vote on the $48 million harbour bridge after a new estimate put the cost at nearly twice the figure approved in March, according to documents released by the mayor's office.

"We are not going to sign a blank cheque," Mayor Dana Whitfield told reporters outside City Hall. "The numbers we were given in the spring were simply wrong, and residents deserve to know why."

Councillor Marcus Oyelaran, who chairs the transport committee, said the delay would add at least six months to the project. He accused the mayor of "playing politics with a bridge that thousands of people cross every day" and said the original estimate had been reviewed by two independent engineers.

Whitfield denied that. "Nobody on my staff ever saw an independent review," she said. "If it exists, I would like to read it."

The engineering firm Calder & Finch, which prepared both estimates, said in a statement that steel prices had risen by 31 percent since January and that the earlier figure "did not include the cost of relocating the ferry terminal." A spokeswoman for the firm declined to comment further.

According to the council's own budget office, the city has already spent $3.2 million on surveys and design work. Officials expect the final cost to be between $85 million and $94 million, and the state transport department has warned that its grant of $20 million could be withdrawn if construction does not begin by 2027.

Residents appeared divided. "I've waited twelve years for this bridge," said Alma Reyes, 64, who runs a bakery near the old crossing. 'They keep moving the goalposts,' her neighbour, Tom Becker, added. Others said the council was right to be cautious: a local survey found that 58 percent of respondents opposed raising property taxes to pay for it.

Oyelaran insisted the project was not in danger. "Nobody is cancelling anything," he said on Wednesday. "We will bring a revised plan back in September, and I expect it to pass."

The mayor, however, said she would not support any plan that relied on new borrowing. She added that the city's auditor would examine why the March estimate had been so low, and she promised to publish the findings.`;
