"""Attribution rules: (sentence, expected source, cue, direct quote) with negatives."""

from __future__ import annotations

import pytest

from claimx.extract.attribution import find_attributions

CASES = [
    # indirect speech, cue after the content
    (
        "Two buildings were attacked on Saturday, police said.",
        [("police", "said", False)],
    ),
    # cue first, complement clause
    ("The minister said the talks had failed.", [("The minister", "said", False)]),
    ("Officials told reporters that the border was closed.", [("Officials", "told", False)]),
    (
        "The Kosovo government says it is in retaliation.",
        [("The Kosovo government", "says", False)],
    ),
    # source noun phrase without its relative clause
    (
        'Kosovo\'s NATO mission - whose 5,000 troops oversee a fragile peace - said on Monday it had "increased the number of routine patrols".',
        [("Kosovo's NATO mission", "said", True)],
    ),
    # a source with a prepositional phrase keeps it
    (
        "A spokesperson for the ministry said the plan was ready.",
        [("A spokesperson for the ministry", "said", False)],
    ),
    # quote first
    ('"We will not back down," he said.', [("he", "said", True)]),
    # according to
    (
        "According to the United Nations, 5,000 people fled.",
        [("the United Nations", "According to", False)],
    ),
    ("The death toll rose to 39, according to officials.", [("officials", "according to", False)]),
    # other cue verbs
    ("The company denied that it had broken the law.", [("The company", "denied", False)]),
    ("Analysts warned that prices could rise further.", [("Analysts", "warned", False)]),
    ("He added that the roads would reopen.", [("He", "added", False)]),
    # passive report: a cue without a named source
    ("It was reported that the talks had collapsed.", [(None, "reported", False)]),
    # tokenised quote marks (`` ... '') and an inverted subject
    (
        "`` We 've reduced our design effort , '' said Angers .",
        [("Angers", "said", True)],
    ),
    # a participle cue takes the subject of the clause it hangs on
    (
        "Boeing challenged the award, claiming the evaluation was skewed.",
        [("Boeing", "claiming", False)],
    ),
    # verbs that report a noun object, and verbs of intent with a to-clause
    ("Airbus has announced 10,000 job cuts.", [("Airbus", "announced", False)]),
    ("Boeing plans to build a new plant.", [("Boeing", "plans", False)]),
    # two cues in one sentence, nested
    (
        "Chief executive Noel Forgeard stated that he expected sales to exceed 250.",
        [("Chief executive Noel Forgeard", "stated", False), ("he", "expected", False)],
    ),
    # more cue verbs and shapes
    (
        "The ministry confirmed that three soldiers were killed.",
        [("The ministry", "confirmed", False)],
    ),
    ("Witnesses said the car exploded near the market.", [("Witnesses", "said", False)]),
    ("The mayor insisted the bridge was safe.", [("The mayor", "insisted", False)]),
    ("Prosecutors alleged that he had taken bribes.", [("Prosecutors", "alleged", False)]),
    ("Economists estimate that growth will slow.", [("Economists", "estimate", False)]),
    ("The president announced that taxes would rise.", [("The president", "announced", False)]),
    ("Rebels claimed they had captured the town.", [("Rebels", "claimed", False)]),
    ("The army acknowledged that civilians had died.", [("The army", "acknowledged", False)]),
    ("The senator argued that the law was unfair.", [("The senator", "argued", False)]),
    ("She explained that the delay was technical.", [("She", "explained", False)]),
    ("Doctors believe the outbreak is under control.", [("Doctors", "believe", False)]),
    ("The company expects to deliver 500 planes.", [("The company", "expects", False)]),
    ("Officials hope to reopen the border soon.", [("Officials", "hope", False)]),
    ("Investors fear that rates will rise.", [("Investors", "fear", False)]),
    # present tense and inverted order
    ("The report says unemployment fell.", [("The report", "says", False)]),
    ('"It is over," says the coach.', [("the coach", "says", True)]),
    # a full source noun phrase with titles and names
    (
        "Northrop Grumman CEO Ron Sugar said the deal was fair.",
        [("Northrop Grumman CEO Ron Sugar", "said", False)],
    ),
    (
        "The head of the World Health Organization said cases were rising.",
        [("The head of the World Health Organization", "said", False)],
    ),
    # the source's apposition is not part of it
    (
        "Jane Smith, a spokeswoman for the airline, said flights would resume.",
        [("Jane Smith", "said", False)],
    ),
    # according to, mid-sentence and with a title
    (
        "Sales fell 5% last year, according to the company's annual report.",
        [("the company's annual report", "according to", False)],
    ),
    # a cue after a dash
    ("Two soldiers died - the ministry said.", [("the ministry", "said", False)]),
    # mixed quotation: part of the content quoted
    (
        'The minister said the plan was "dead in the water".',
        [("The minister", "said", True)],
    ),
    ("Officials said Tuesday the bridge would reopen.", [("Officials", "said", False)]),
    ("The agency reported that exports rose.", [("The agency", "reported", False)]),
    ("He told Reuters the deal was done.", [("He", "told", False)]),
    ("The White House said the talks were productive.", [("The White House", "said", False)]),
    ("Both sides agreed that the truce should hold.", [("Both sides", "agreed", False)]),
    ("Residents complained that the water was dirty.", [("Residents", "complained", False)]),
    ('"This is a disaster," said Maria Lopez, a local resident.', [("Maria Lopez", "said", True)]),
    ("Scientists predict that sea levels will rise.", [("Scientists", "predict", False)]),
    ("The union warned it would strike.", [("The union", "warned", False)]),
    ("The coach admitted the team had played badly.", [("The coach", "admitted", False)]),
    # "Detik.com quoted Djamal as saying": the outlet quotes, Djamal says
    (
        '"We do not need their planes," Detik.com quoted Djamal as saying.',
        [("Detik.com", "quoted", True), ("Djamal", "saying", True)],
    ),
    pytest.param(
        'Calling it "a cheap stunt", Maria Lopez of "Clean Air Now", a local charity, told Reuters "nothing has changed".',
        [("Maria Lopez", "told", True)],
        marks=pytest.mark.xfail(
            reason="the parser hangs the speaker on 'stunt' as an apposition: the cue has no subject"
        ),
    ),
    # a cue inside a quotation beside its speaker's cue is a nested attribution ...
    (
        '"The governor told us the road would reopen," Enders said.',
        [("The governor", "told", False), ("Enders", "said", True)],
    ),
    (
        '"I said the road would reopen," he recalled.',
        [("I", "said", False), ("he", "recalled", True)],
    ),
    # ... but the quoted speaker's own belief or wish is a stance inside what they
    # say, not a second report (PolNeAR annotates none of them)
    ('"I believe we will win," he said.', [("he", "said", True)]),
    ('"We want to know what happened," Enders said.', [("Enders", "said", True)]),
    ('"You know the vote is close," she said.', [("she", "said", True)]),
    # a colon that opens a quotation: the speaker is named before it, the verb there
    # (if any) is the cue
    (
        'Maria Lopez described the singer to the radio in 2002: "She was a great star."',
        [("Maria Lopez", "described", True)],
    ),
    (
        'Below is a statement from spokeswoman Maria Lopez: "We regret the error."',
        [("spokeswoman Maria Lopez", ":", True)],
    ),
    ('Lopez: "We will build the bridge."', [("Lopez", ":", True)]),
    ('He added: "We will not back down."', [("He", "added", True)]),
    # negatives: a colon before a quotation with no speaker named before it
    ('The message was clear: "Nobody wins a trade war."', []),
    ('There is one rule here: "no phones at the table."', []),
    # negatives: no reporting cue, or a reporting verb without reported content
    ("NATO troops stepped up patrols in Kosovo on Monday.", []),
    ("Video footage showed NATO armoured vehicles moving close to the barricades.", []),
    ("The report was published in 2019.", []),
    ("She told a story.", []),
    # "citing" reports the reason its subject gives
    ("Citing a precautionary measure, the plant closed.", [("the plant", "Citing", False)]),
    # a cue inside a quotation is a report nested in its speaker's
    ('"They said it was over," he recalled.', [("They", "said", False), ("he", "recalled", True)]),
    # a gerund clause is what was reported
    (
        "GM reported losing US$ 4.8 billion in the fourth quarter.",
        [("GM", "reported", False)],
    ),
    ("The minister denied taking bribes.", [("The minister", "denied", False)]),
    ("She recalled seeing the car.", [("She", "recalled", False)]),
    # negative: a gerund after a verb that reports nothing
    ("He kept reading about the weather.", []),
    # an announced thing used as a modifier reports nothing
    ("Pre-orders of the recently announced iPhone began Tuesday.", []),
    ("The plan is to say nothing.", []),
    ("He asked for water.", []),
    ("The town, says a sign, is closed.", [("a sign", "says", False)]),
    ("Rain fell on Monday.", []),
    ("The company reported a loss.", [("The company", "reported", False)]),
    # a directive is reported too: "told airlines not to buy European aircraft"
    ("They told him to leave.", [("They", "told", False)]),
    ("A statement was issued on Monday.", []),
    ("Serbia does not recognise Kosovo's independence.", []),
    # a coordinated source is one source
    (
        "The United States and the European Union said the sanctions would stay.",
        [("The United States and the European Union", "said", False)],
    ),
    (
        "Britain, France and Germany warned that the deal was at risk.",
        [("Britain, France and Germany", "warned", False)],
    ),
    # "said in a statement that ...": the parser hangs the clause on "statement"
    (
        "The ministry said in a statement that the border would remain closed.",
        [("The ministry", "said", False)],
    ),
    (
        "In a statement, the ministry said the border would remain closed.",
        [("the ministry", "said", False)],
    ),
    (
        "The governor wrote on Twitter that schools would reopen.",
        [("The governor", "wrote", False)],
    ),
    (
        "Pentagon spokesman John Kirby told reporters that the strikes had hit their targets.",
        [("Pentagon spokesman John Kirby", "told", False)],
    ),
    (
        "A senior official, who spoke on condition of anonymity, said the talks had stalled.",
        [("A senior official", "said", False)],
    ),
    # a long subject makes the parser hang the cue on it as a reduced relative
    (
        "General Motors Corporation ( GM ) , an American automaker which has filed for bankruptcy protection , announced on Friday that the Penske Automotive Group was selected to purchase Saturn .",
        [("General Motors Corporation", "announced", False)],
    ),
    # verbs of other classes that report a to-clause
    ("The senator claimed to have evidence of fraud.", [("The senator", "claimed", False)]),
    ("The union has threatened to strike.", [("The union", "threatened", False)]),
    # an agreement to act is a commitment, not a report
    ("Moscow has agreed to withdraw its troops.", []),
    # the lemmatiser reads "hopes" as "hop"
    ("The party hopes to win a majority.", [("The party", "hopes", False)]),
    ("Many voters think the election was unfair.", [("Many voters", "think", False)]),
    # a passive cue with a to-clause: an attribution without a named source
    ("The leader is said to be seriously ill.", [(None, "said", False)]),
    ("Some studios are reported to want a higher price.", [(None, "reported", False)]),
    # a relative pronoun source keeps its own span
    (
        "The reports surprised analysts, who had forecast that the company would lose money.",
        [("who", "forecast", False)],
    ),
    # a straight quote mark the tagger reads as closing opens the quotation when
    # none is open (open_before=False is given by the claim assembly)
    (
        'Jobs promoted the phone by saying that , " just one year after the launch , we are launching a new one . "',
        [("Jobs", "saying", True)],
    ),
    # cues whose prepositional object is what they report
    (
        "The opposition accused the government of rigging the vote.",
        [("The opposition", "accused", False)],
    ),
    (
        "Health officials warned of a second wave of infections.",
        [("Health officials", "warned", False)],
    ),
    ("The watchdog called for a re-run of the bidding.", [("The watchdog", "called", False)]),
    # a written channel is the cue of a clause whose verb is no cue
    (
        "In a statement, the White House named a new envoy.",
        [("the White House", "In a statement", False)],
    ),
    (
        "The White House, in a statement, named a new envoy.",
        [("The White House", "in a statement", False)],
    ),
    # negatives: a letter or a press conference is an event, a report's place is no cue
    ("Jobs resigned in a letter to the board.", []),
    ("The announcement came in a rare press conference.", []),
    ("The company, in its annual report, posted a loss.", []),
    ("He was born in a small village.", []),
    ("The band played in a concert.", []),
    # an aside introduced by "as"
    ("As the minister said, the economy is strong.", [("the minister", "said", False)]),
    # a cue's complement is no cue of its own: "he had been threatened" is what he told
    (
        "Mr Smith, 45, told the court he had been threatened.",
        [("Mr Smith", "told", False)],
    ),
    ("Police say they have arrested two men.", [("Police", "say", False)]),
    # negatives: a participle naming a text, a cue with a noun that is no report
    ('In remarks published by CNN in February, "no virus has spread like this."', []),
    ("He said nothing about the deal.", []),
    ("As expected, the bank raised rates.", []),
    ("The film tells the story of a family.", []),
    # a passive aside with its "it"
    ("The plant will close, it was reported.", [(None, "reported", False)]),
    # negatives: a passive that names or orders, a filler, an idle infinitive
    ('That year\'s flu was commonly called "swine flu."', []),
    ("Facebook was ordered to remove the post.", []),
    ("Copyright applied to works that were not published.", []),
    ("If one protein is present, you know, it might be difficult to tell.", []),
    ("It is too early to say whether the deal will hold.", []),
    # negatives: a subordinate "before it is reported" / "did not say when" reports nothing
    ("Prices could rise before it is officially reported to regulators.", []),
    ("Smith will resign, though he did not say when.", []),
    ("The union refused to meet the demands.", []),
    ("Officials are investigating the attack.", []),
    ("Who said the talks had failed?", [("Who", "said", False)]),
    # a comma-set-off relative clause or apposition deeper in the source ends it
    (
        "Officials familiar with the talks, who spoke on condition of anonymity, said the deal was close.",
        [("Officials familiar with the talks", "said", False)],
    ),
    # the apposition of the source's own noun ends it; one deeper in the phrase stays
    (
        "The spokesman for the U.N. secretary-general, Stephane Dujarric, said aid convoys were blocked.",
        [("The spokesman for the U.N. secretary-general", "said", False)],
    ),
    (
        "The governor of Ohio, Mike DeWine, announced that schools would close.",
        [("The governor of Ohio, Mike DeWine", "announced", False)],
    ),
    # a participle that runs on into a clause is no part of the source
    (
        "At the time, the company invested in e-commerce and started home deliveries, but Gazeta Prawna reports only 0.5% of grocery turnover comes from the internet.",
        [("the company", "reports", False)],
    ),
    (
        "People familiar with the matter said the company was weighing a sale.",
        [("People familiar with the matter", "said", False)],
    ),
    # the anonymity aside asks for nothing that is reported
    (
        "The lawmakers, who asked not to be named because the talks were private, said a compromise was near.",
        [("The lawmakers", "said", False)],
    ),
    ("He asked them to stay.", [("He", "asked", False)]),
    # a set phrase opening the sentence reports nothing
    ("That said, the party remains divided.", []),
    ("Having said that, the party remains divided.", []),
    ("Let's say the deal collapses.", []),
    ("It goes without saying that the vote matters.", []),
    ("That, he said, was the problem.", [("he", "said", False)]),
    # "posted on Twitter that ..."; "in the words of X" names its source
    (
        "The candidate posted on Twitter that the election had been stolen.",
        [("The candidate", "posted", False)],
    ),
    ("The company posted a loss.", []),
    (
        "In the words of one diplomat, the summit was a failure.",
        [("one diplomat", "In the words of", False)],
    ),
    ("He chose his words carefully.", []),
    # the clause after a channel noun, read by the parser as a relative clause
    (
        "The group's leader said in a video message that the fight would go on.",
        [("The group's leader", "said", False)],
    ),
    ("He spoke in a video message that he recorded at home.", []),
    # a participle cue hung on the reported clause speaks for the cue's subject
    (
        "Election officials said turnout was higher than in 2020, citing preliminary figures.",
        [("Election officials", "said", False), ("Election officials", "citing", False)],
    ),
    # an aside is finite: an infinitive or a clause after a semicolon is no aside of
    # the clause before it
    (
        "Biden left the campaign trail a few days before the debate to prepare at his home.",
        [],
    ),
    (
        "After a series of defeats in court, Roosevelt looked to add justices that would uphold his agenda.",
        [],
    ),
    (
        "That September, the movement launched; Thunberg promised protests every week.",
        [],
    ),
    ("The bridge will reopen on Monday, the mayor has said.", [("the mayor", "said", False)]),
    # a passive with an object refuses rather than reports
    ("The nominee was denied access to the debates.", []),
    ("The ministry denied the report.", [("The ministry", "denied", False)]),
    # a past participle right after its noun stays in the source
    (
        "According to court documents filed on Monday, the suspect bought the rifle in March.",
        [("court documents filed on Monday", "According to", False)],
    ),
    (
        "Noel Forgeard, speaking at the show, said sales would rise.",
        [("Noel Forgeard", "said", False)],
    ),
    # courts rule, critics question, witnesses describe what they heard
    ("The court ruled that the law was unconstitutional.", [("The court", "ruled", False)]),
    ("The court ruled out a delay.", []),
    (
        "Critics have questioned whether the rules can be enforced.",
        [("Critics", "questioned", False)],
    ),
    ("Police questioned the driver.", []),
    (
        "Witnesses described hearing several loud explosions.",
        [("Witnesses", "described", False)],
    ),
    # a noun that takes a that-clause reports it; its possessor is the source
    ("The claim that the vote was rigged has been debunked.", [(None, "claim", False)]),
    (
        "His belief that the market will recover is not shared by his advisers.",
        [("His", "belief", False)],
    ),
    (
        "He rejected the minister's assertion that the economy was growing.",
        [("He", "rejected", False), ("the minister", "assertion", False)],
    ),
    # negatives: a relative clause, a channel of a verb's report, a noun without a clause
    ("The report that he wrote was long.", []),
    ("The claim was rejected.", []),
    # "as X put it" names the speaker of the clause it hangs on
    (
        "As one official put it, the country is running out of time.",
        [("one official", "put it", False)],
    ),
    ("He put it on the table.", []),
    # a participle on a channel noun speaks for the one who issues the channel
    (
        "The ministry issued a statement saying the border would close.",
        [("The ministry", "saying", False)],
    ),
    (
        "Jobs resigned in a letter to the board stating that he could no longer serve.",
        [("Jobs", "stating", False)],
    ),
    ("He saw a man saying the prayers.", []),
    # "described X as Y" reports what X is described as
    (
        "Henderson described the events of today as a defining moment.",
        [("Henderson", "described", False)],
    ),
    pytest.param(
        "Rescuers described the scene as chaotic.",
        [("Rescuers", "described", False)],
        marks=pytest.mark.xfail(
            reason="'as' takes an adjective (acomp), not the object we look for"
        ),
    ),
    ("The sign described as historic was removed.", []),
    # a verb of knowing or showing with a wh-clause holds no proposition
    ("She did not know what address her house was.", []),
    ("The film shows how the family survived the war.", []),
    ("Nobody knows whether the deal will hold.", [("Nobody", "knows", False)]),
    ("He explained how the fire started.", [("He", "explained", False)]),
    ("The data show that the outbreak is slowing.", [("The data", "show", False)]),
    # a hyphen inside a title is no dash that sets the source apart
    (
        '"There is no military solution," U.N. Secretary-General Antonio Guterres said.',
        [("U.N. Secretary-General Antonio Guterres", "said", True)],
    ),
    # a fronted "according to" whose clause lost its subject to the source ends at its comma
    (
        "According to the researchers, sacrifice and mummification of sacred ibises was common in Egypt.",
        [("the researchers", "According to", False)],
    ),
    (
        "According to Britain, France and Germany, the deal is at risk.",
        [("Britain, France and Germany", "According to", False)],
    ),
    # a gerund that is an object names an activity, not a report
    (
        "Pope Francis announced a new law to mandate reporting sexual abuses to the church.",
        [("Pope Francis", "announced", False)],
    ),
    # "according to" a plan or the rules names a manner, not a source
    ("Everything went according to plan.", []),
    ("The bill was passed according to the rules of the Senate.", []),
    (
        "Turnout rose, according to the electoral commission's rules committee.",
        [("the electoral commission's rules committee", "according to", False)],
    ),
    # a finite verb the parser hangs before a source's noun is no part of it
    (
        "The airport and nearby hotel were both evacuated and local police warned people in the general vicinity to stay inside.",
        [("police", "warned", False)],
    ),
    # a cue that judges its object by what it calls it
    ("Opposition leaders called the result a sham.", [("Opposition leaders", "called", False)]),
    ("The senator has called the proposal a non-starter.", [("The senator", "called", False)]),
    ("The watchdog called the meeting.", []),
    ("This is what we call emotional contagion.", []),
    # an object that is itself something said: any cue reports it
    (
        "The party's general secretary dismissed suggestions that the leader might step down.",
        [
            ("The party's general secretary", "dismissed", False),
            (None, "suggestions", False),
        ],
    ),
    ("The company dismissed 300 workers.", []),
    ("Polls suggest a tight race.", [("Polls", "suggest", False)]),
    # adjectives of belief or feeling with a that-clause; the subject of their verb speaks
    (
        "Officials are confident that the vaccine is safe.",
        [("Officials", "confident", False)],
    ),
    (
        "Analysts remain skeptical that the merger will go through.",
        [("Analysts", "skeptical", False)],
    ),
    (
        "She made it clear that she would not resign.",
        [("She", "clear", False)],
    ),
    # a participle used as an adjective ("convinced" is tagged a verb)
    ("Lawmakers are convinced that the agency lied.", [("Lawmakers", "convinced", False)]),
    ("The suspect was convinced to confess.", []),
    ("It is clear that the plan failed.", []),
    ("You need to make sure that you use the right model.", []),
    ("He was so tired that he fell asleep.", []),
    ("I am sure.", []),
    # a nominal cue's clause may be its copula's
    (
        "The minister's view is that the economy will recover.",
        [("The minister", "view", False)],
    ),
    ("The problem is that nobody knows.", []),
    ("The view from the hill is stunning.", []),
    # of two subjects the parser gives a cue, the nearer one is its own
    (
        "Millions dwell in the nation's slums, and while there was no suggestion of sabotage, local activists claimed fires had been set.",
        [("local activists", "claimed", False)],
    ),
    # a cue after a comma with only its speaker's title and name between, where a long
    # title breaks the parse ("How" read as a wh-word); negatives: a clause or a
    # conjunction between comma and cue, a verb after the cue
    (
        "Crabs can sense magnetic fields, study co-author and Marine Society Research Fellow Tom How said on Friday.",
        [("study co-author and Marine Society Research Fellow Tom How", "said", False)],
    ),
    ("The roads were shut, which the council said on Friday.", []),
    # an agreement to act is a commitment, an agreement that something is so reports it
    ("On Monday the committee agreed to slash $6 million from the budget.", []),
    ("The committee agreed that the budget was too high.", [("The committee", "agreed", False)]),
    # "claim" with a noun object takes it, unless the object is something said
    ("Local councils are trying to claim their share of the money.", []),
    ("The rebels claimed more territory in the north.", []),
    ("The group claimed responsibility for the attack.", [("The group", "claimed", False)]),
    ("The candidate claimed victory on Tuesday night.", [("The candidate", "claimed", False)]),
    # a statement noun whose maker is the subject of a light verb
    (
        "Johnson has made the misleading claim that the bill will cost nothing.",
        [("Johnson", "claim", False)],
    ),
    ("Johnson baked a cake that nobody ate.", []),
    ("The claim that the vote was rigged has been debunked.", [(None, "claim", False)]),
    # a question: an if-clause the parser makes adverbial, an asker left unnamed
    (
        "The reporter asked the senator if he had been preparing for a loss.",
        [("The reporter", "asked", False)],
    ),
    (
        "Asked if the plan had worked, Smith said it had.",
        [(None, "Asked", False), ("Smith", "said", False)],
    ),
    (
        "Asked about the plan, the minister said it worked.",
        [(None, "Asked", False), ("the minister", "said", False)],
    ),
    ("Asked to leave, the fans refused.", []),
    # a refusal to speak reports; a refusal to act does not
    (
        "The spokesman declined to comment on the case.",
        [("The spokesman", "declined to comment", False)],
    ),
    (
        "Smith declined to say whether the deal was signed.",
        [("Smith", "declined to say", False)],
    ),
    ("Ms Brown declined to be interviewed.", [("Ms Brown", "declined to be interviewed", False)]),
    ("The driver refused to leave the car.", []),
    # a public judgement of its object; an infinitive or a passive one is not made
    ("The senator criticized the plan for its cost.", [("The senator", "criticized", False)]),
    ("The mayor praised the crews on Monday.", [("The mayor", "praised", False)]),
    ("She wants to endorse the mayor.", [("She", "wants", False)]),
    ("The city was praised by visitors.", []),
    # a manner of speaking; "continue" only beside a quotation, "refer" only as a
    # participle after a report
    ('"Not again," the crowd chanted.', [("the crowd", "chanted", True)]),
    ('"We will win," she continued.', [("she", "continued", True)]),
    ("The war continued for years.", []),
    (
        '"It was rigged," he said, referring to the primary.',
        [("he", "said", True), ("he", "referring", True)],
    ),
    ("The term refers to a tax.", []),
    # outlining, requesting and envisioning report
    ("The CEO outlined a plan for the new company.", [("The CEO", "outlined", False)]),
    ("The office requests a rerun of the tender.", [("The office", "requests", False)]),
    ("He envisioned that the process would take months.", [("He", "envisioned", False)]),
    ("The company plans on reviving the old names.", [("The company", "plans", False)]),
    # speaking and talking report only what they are about; commenting what is
    # commented on
    ("She spoke about the plan on Monday.", [("She", "spoke", False)]),
    ("She spoke at the rally.", []),
    ("They talked for hours.", []),
    ("Papermaster did not comment on the situation.", [("Papermaster", "comment", False)]),
    # the poll a clause is found in is its source; taking part in one reports nothing
    (
        "In a CNN poll released Monday, Clinton led Sanders by 10 points.",
        [("a CNN poll released Monday", "In", False)],
    ),
    ("Trump is ahead in the polls in Florida.", [("the polls in Florida", "in", False)]),
    ("She voted in the poll on Monday.", []),
    # quotation marks written as two apostrophes open as well as close
    ("He called him a ''pathological liar'' for insisting.", [("He", "called", True)]),
    ("''We will win,'' he said.", [("he", "said", True)]),
    # a short quotation right after its cue is direct speech; a scare quote further on
    # is not
    ("Ryan said, \u201cSure. I get that.\u201d", [("Ryan", "said", True)]),
    ('He called the plan "bad" for the town.', [("He", "called", False)]),
    # a poll's share speaks, also where the parser reads the cue as a modifier
    (
        "More than 4 in 10 said billionaire Donald Trump would be best at handling the economy.",
        [("More than 4 in 10", "said", False)],
    ),
    ("Ten in 10 dentists agree.", []),
    # polls, studies and records report what they show or find; a person showing or
    # finding a thing does not
    (
        "Several polls show Sanders within two points of Clinton.",
        [("Several polls", "show", False)],
    ),
    ("The audit found no irregularities.", [("The audit", "found", False)]),
    ("He showed the car to a buyer.", []),
    ("She found her keys.", []),
    # a cue before a colon that opens a quotation reports the quotation
    (
        'Jane Lane described the decade to the BBC in 2001: "It was the brightest time of my life."',
        [("Jane Lane", "described", True)],
    ),
]


def _case_id(case: object) -> str:
    values = getattr(case, "values", case)
    assert isinstance(values, tuple)
    return str(values[0])[:40]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[_case_id(c) for c in CASES])
def test_attribution(parse, text: str, expected: list[tuple[str | None, str, bool]]) -> None:
    doc = parse(text)
    got = []
    for sent in doc.sents:
        for found in find_attributions(sent, open_before=False):
            source = doc[found.source[0] : found.source[1]].text if found.source else None
            cue = doc[found.cue_start : found.cue_end].text
            got.append((source, cue, found.direct_quote))
    assert got == expected
