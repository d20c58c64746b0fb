import sys
from bench.generate import setup_django; setup_django(production=True)
from django.db import connection
from processdb.search import query as q
from django.contrib.auth import get_user_model
u=get_user_model().objects.get(username="sachbearbeitung")
pq=q.parse(sys.argv[1])
docs=q._filtered(q._visible(u),kind=None,category_id=None,role_id=None)
ranked=q._postgres(docs,pq,fuzzy=sys.argv[2]=="1")
from django.db.models import F, Count, Window
from django.db.models.functions import RowNumber
r=ranked.annotate(position=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("score").desc(), F("title").asc(), F("pk").asc()]),kind_total=Window(Count("pk"), partition_by=[F("kind")])).filter(position__lte=10).only("kind","object_id","title","context","body","url")
sql,params=r.query.sql_with_params()
with connection.cursor() as c:
    c.execute("EXPLAIN ANALYZE "+sql, params)
    for row in c.fetchall(): print(row[0])
